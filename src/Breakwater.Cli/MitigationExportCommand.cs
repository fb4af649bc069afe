using System.CommandLine;
using Breakwater.Analysis.WebTier;
using Breakwater.Cli.Errors;
using Breakwater.Core;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater mitigation export --format nginx|nftables|ipset|haproxy --analysis FILE</c>: a web-tier deny list
/// (and rate-limit suggestion) from the <c>http_flood</c> incidents of an analysis document. The daemon's
/// mitigation API is not available yet, so <c>--analysis</c> is required for now.
/// </summary>
internal static class MitigationExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format") { Description = $"Output format: {string.Join(", ", WebTierFormats.Names)}.", Required = true };
        var analysis = new Option<string?>("--analysis") { Description = "breakwater.analysis/v1 JSON (from analyze --json) to take the http_flood incidents from." };
        var allow = new Option<string?>("--allow") { Description = "Prefixes never to deny, comma-separated (e.g. 10.0.0.0/8,2001:db8::/32)." };
        var output = new Option<string?>("--out") { Description = "Write to PATH instead of stdout." };
        var export = new Command("export", "Export a web-tier deny list and rate-limit suggestion.") { format, analysis, allow, output };
        export.SetAction((parse, _) => Task.FromResult(Run(parse.GetValue(format)!, parse.GetValue(analysis), parse.GetValue(allow), parse.GetValue(output), stdout, stderr)));
        return new Command("mitigation", "Mitigation state and exports.") { export };
    }

    internal static int Run(string format, string? analysisPath, string? allowText, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (!WebTierFormats.Names.Contains(format))
        {
            throw CliError.Usage($"--format {format} is not a web-tier format; use one of {string.Join(", ", WebTierFormats.Names)}.");
        }

        if (analysisPath is null)
        {
            throw CliError.Usage("mitigation export needs --analysis FILE (an analyze --json document); the daemon's mitigation API is not available yet.");
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

        WebTierFormats.TryRender(format, DenyList.From(document, allow), out var rendered);
        if (output is null)
        {
            stdout.Write(rendered);
            return ExitCodes.Ok;
        }

        AtomicFile.WriteAllText(output, rendered);
        return ExitCodes.Ok;
    }
}
