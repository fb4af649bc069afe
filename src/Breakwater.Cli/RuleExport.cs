using System.Text;
using Breakwater.Core;
using Breakwater.Mitigation;

namespace Breakwater.Cli;

/// <summary>
/// <c>mitigation export --format nft|bpf|flowspec</c>: the rule sets (<c>fingerprint.rules</c>) of an analysis document's
/// incidents, or of the daemon's active mitigations, as one <c>nft -f</c> file, BPF lines, or FlowSpec NLRI in BIRD's notation.
/// </summary>
internal static class RuleExport
{
    public static readonly string[] Formats = ["nft", "bpf", "flowspec"];

    /// <summary>Each item: who the rules belong to (incident or mitigation id) and its rules.</summary>
    public static string Render(string format, IEnumerable<(string Owner, IReadOnlyList<FingerprintRule> Rules)> items, IReadOnlyList<Prefix> allow)
    {
        var kept = items.Select(i => (i.Owner, Rules: (IReadOnlyList<FingerprintRule>)[.. i.Rules.Where(r => !Allowed(r, allow))])).ToList();
        if (format == "nft")
        {
            var records = kept.Select(i => new MitigationRecord
            {
                Id = i.Owner, Incident = i.Owner, Target = "", Kind = MitigationKinds.Nftables, Prefix = "", Rules = i.Rules,
                Action = "drop", State = MitigationStates.Active, Reason = "",
            });
            return NftablesScript.Render("breakwater", records);
        }

        var text = new StringBuilder();
        foreach (var (owner, rules) in kept)
        {
            foreach (var rule in rules)
            {
                text.Append("# ").Append(owner).Append(' ').Append(string.Join(',', rule.Vectors))
                    .Append(System.FormattableString.Invariant($" coverage {rule.Coverage} collateral {rule.Collateral}")).Append('\n');
                text.Append(format == "bpf" ? rule.Bpf : FlowSpecTranslator.ToRule(rule.Flowspec).ToString()).Append('\n');
            }
        }

        return text.ToString();
    }

    public static IEnumerable<(string, IReadOnlyList<FingerprintRule>)> FromAnalysis(AnalysisDocument document) =>
        document.Incidents.Where(i => i.Fingerprint is { Rules.Count: > 0 }).Select(i => (i.Id, i.Fingerprint!.Rules));

    private static bool Allowed(FingerprintRule rule, IReadOnlyList<Prefix> allow) =>
        MitigationPolicy.TryTarget(rule.Flowspec.Destination, out var destination) && allow.Any(a => MitigationPolicy.Overlaps(a, destination));
}
