using System.Globalization;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Mitigation;

/// <summary>
/// The pure decision (docs/mitigation.md "Escalation"): FlowSpec rules first when the incident has a rule set and every
/// rule's FlowSpec collateral is at most <c>flowspec.max_collateral</c>; a blackhole only when no rule set is narrow
/// enough or the attack passes <c>blackhole.above_pps</c>/<c>above_mbps</c>. Never-listed and too-wide destinations are
/// refused. The reason names the numbers it decided on.
/// </summary>
public static class MitigationPolicy
{
    /// <param name="incident">The incident as the engine reports it.</param>
    /// <param name="settings">The policy of the incident's host group.</param>
    /// <param name="bgp">A BGP speaker is configured (in dry-run it counts as configured: the record shows what would be announced).</param>
    /// <param name="never">Every never-list that applies (defaults and group).</param>
    public static MitigationPlan Decide(IncidentReport incident, MitigationSettings settings, bool bgp, IReadOnlyList<Prefix> never)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(never);
        if (!TryTarget(incident.Target, out var target))
        {
            return Refuse(incident.Target, $"target '{incident.Target}' is not an address or prefix");
        }

        var prefix = target.ToString();
        foreach (var entry in never)
        {
            if (Overlaps(entry, target))
            {
                return Refuse(prefix, $"{prefix} overlaps never-list entry {entry}");
            }
        }

        var min = target.IsIPv4 ? settings.MinPrefixLengthV4 : settings.MinPrefixLengthV6;
        if (target.Length < min)
        {
            return Refuse(prefix, Invariant($"{prefix} is wider than the /{min} limit (min_prefix_length.{(target.IsIPv4 ? "ipv4" : "ipv6")})"));
        }

        var rules = incident.Fingerprint?.Rules ?? [];
        var worst = rules.Count == 0 ? double.NaN : rules.Max(r => r.FlowspecCollateral);
        var narrow = rules.Count > 0 && worst <= settings.FlowSpec.MaxCollateral;
        var over = Exceeds(incident, settings.Blackhole);
        if (narrow && over is null)
        {
            var why = Invariant($"{rules.Count} rule(s), largest FlowSpec collateral {worst:0.####} <= max_collateral {settings.FlowSpec.MaxCollateral:0.####}");
            if (bgp)
            {
                return new MitigationPlan(MitigationKinds.FlowSpec, prefix, rules, "flowspec: " + why);
            }

            return settings.Nftables.Apply
                ? new MitigationPlan(MitigationKinds.Nftables, prefix, rules, "nftables (no bgp section): " + why)
                : Refuse(prefix, "narrow rules exist but there is no bgp section and mitigation.nftables.apply is off");
        }

        var reason = over ?? (rules.Count == 0
            ? "no rule set for this incident yet"
            : Invariant($"no narrow rule set: largest FlowSpec collateral {worst:0.####} > max_collateral {settings.FlowSpec.MaxCollateral:0.####}"));
        if (!settings.Blackhole.Enabled)
        {
            return Refuse(prefix, reason + "; blackhole.enabled is false");
        }

        return bgp
            ? new MitigationPlan(MitigationKinds.Blackhole, prefix, rules, "blackhole: " + reason)
            : Refuse(prefix, reason + "; a blackhole needs a bgp section");
    }

    private static string? Exceeds(IncidentReport incident, BlackholeSettings blackhole)
    {
        if (blackhole.AbovePps is { } pps && incident.PeakPps > pps)
        {
            return Invariant($"peak {incident.PeakPps:0} pps > blackhole.above_pps {pps:0}");
        }

        return blackhole.AboveMbps is { } mbps && incident.PeakBps / 1e6 > mbps
            ? Invariant($"peak {incident.PeakBps / 1e6:0.#} Mbit/s > blackhole.above_mbps {mbps:0.#}")
            : null;
    }

    public static bool TryTarget(string text, out Prefix prefix)
    {
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return Prefix.TryParse(text, out prefix);
        }

        if (NetAddress.TryParse(text, out var host))
        {
            return Prefix.TryParse(text + (host.IsIPv4 ? "/32" : "/128"), out prefix);
        }

        prefix = default;
        return false;
    }

    /// <summary>Either contains the other's network: a route or rule on one would touch the other.</summary>
    public static bool Overlaps(Prefix a, Prefix b) =>
        a.IsIPv4 == b.IsIPv4 && (a.Length <= b.Length ? a.Contains(b.Network) : b.Contains(a.Network));

    private static MitigationPlan Refuse(string prefix, string reason) => new(null, prefix, [], reason);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
