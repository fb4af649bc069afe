using System.CommandLine;
using Breakwater.Analysis.WebTier;
using Breakwater.Cli.Errors;
using Breakwater.Core;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater mitigation export --format nft|bpf|flowspec|nginx|nftables|ipset|haproxy [--analysis FILE]</c>: a web-tier
/// deny list (and rate-limit suggestion) from the <c>http_flood</c> incidents of an analysis document, or rule sets. The
/// web-tier formats need <c>--analysis</c>; the rule formats <c>nft</c>, <c>bpf</c> and <c>flowspec</c> take the rule sets
/// of an analysis document, or without <c>--analysis</c> those of the daemon's active mitigations.
/// </summary>
internal static class MitigationExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", RuleExport.Formats)} (rule sets) or {string.Join(", ", WebTierFormats.Names)} (web tier).",
            Required = true,
        };
        var server = new MitigationServerOptions();
        var analysis = new Option<string?>("--analysis") { Description = "breakwater.analysis/v1 JSON (from analyze --json) to take the http_flood incidents from." };
        var allow = new Option<string?>("--allow") { Description = "Prefixes never to deny, comma-separated (e.g. 10.0.0.0/8,2001:db8::/32)." };
        var output = new Option<string?>("--out") { Description = "Write to PATH instead of stdout." };
        var export = new Command("export", "Export rule sets (nft, bpf, flowspec) or a web-tier deny list and rate-limit suggestion.") { format, analysis, allow, output };
        server.AddTo(export);
        export.SetAction(async (parse, ct) =>
        {
            var chosen = parse.GetValue(format)!;
            if (RuleExport.Formats.Contains(chosen) && parse.GetValue(analysis) is null)
            {
                // From the daemon: the rules of its active mitigations.
                var body = await server.Client(parse, write: false).SendAsync(HttpMethod.Get, "/api/v1/mitigations?state=active&limit=1000", null, ct);
                using var json = System.Text.Json.JsonDocument.Parse(body);
                var records = json.RootElement.GetProperty("mitigations").EnumerateArray()
                    .Select(e => Breakwater.Mitigation.MitigationJson.Deserialize(e.GetRawText())!)
                    .Select(r => (r.Id, r.Rules)).ToList();
                return Write(RuleExport.Render(chosen, records, ParseAllow(parse.GetValue(allow))), parse.GetValue(output), stdout, stderr);
            }

            return Run(chosen, parse.GetValue(analysis), parse.GetValue(allow), parse.GetValue(output), stdout, stderr);
        });
        return export;
    }

    private static List<Prefix> ParseAllow(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Prefix.TryParse(t, out var p) ? p : throw Errors.CliError.Usage($"--allow: '{t}' is not a prefix; write ADDRESS/LENGTH, e.g. 10.0.0.0/8."))];

    internal static int Run(string format, string? analysisPath, string? allowText, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (!WebTierFormats.Names.Contains(format) && !RuleExport.Formats.Contains(format))
        {
            throw CliError.Usage($"--format {format} is not an export format; use one of {string.Join(", ", RuleExport.Formats.Concat(WebTierFormats.Names))}.");
        }

        if (analysisPath is null)
        {
            throw CliError.Usage($"--format {format} needs --analysis FILE (an analyze --json document); only nft, bpf and flowspec can come from the daemon.");
        }

        var allow = new List<Prefix>();
        foreach (var text in (allowText ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Prefix.TryParse(text, out var prefix))
            {
                throw CliError.Usage($"--allow: '{text}' is not a prefix; write ADDRESS/LENGTH, e.g. 10.0.0.0/8.");
            }

            allow.Add(prefix);
        }

        CliPaths.RequireInputFile(analysisPath, "an analysis document written by analyze --json");
        if (output is not null)
        {
            CliPaths.RequireOutputFile(output, "--out", [analysisPath]);
        }

        AnalysisDocument? document;
        try
        {
            document = AnalysisJson.Deserialize(File.ReadAllText(analysisPath));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw CliError.Input($"{analysisPath} is not a breakwater.analysis/v1 document (JSON error at line {e.LineNumber + 1}); give the JSON that analyze --json wrote.", e);
        }

        if (document is null)
        {
            throw CliError.Input($"{analysisPath} is empty; give the JSON that analyze --json wrote.");
        }

        string? rendered;
        if (RuleExport.Formats.Contains(format))
        {
            rendered = RuleExport.Render(format, RuleExport.FromAnalysis(document), allow);
        }
        else
        {
            WebTierFormats.TryRender(format, DenyList.From(document, allow), out rendered);
        }

        return Write(rendered!, output, stdout, stderr);
    }

    private static int Write(string rendered, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (output is null)
        {
            stdout.Write(rendered);
            return ExitCodes.Ok;
        }

        AtomicFile.WriteAllText(output, rendered);
        return ExitCodes.Ok;
    }
}
