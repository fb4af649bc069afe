using System.CommandLine;
using Breakwater.Cli.Errors;
using Breakwater.Outages;
using Breakwater.Outages.Timeline;
using Breakwater.Outages.Waves;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater timeline --from T --to T [--json [OUT]] [--report out.html]</c>: outage waves, probe states, incidents,
/// mitigations, C2 commands and claims on one timeline, from offline files (<c>--reports</c>, <c>--analysis</c>,
/// <c>--intel</c>) or from a running daemon (<c>--server URL --token T</c>, <c>GET /api/v1/timeline</c>).
/// </summary>
internal static class TimelineCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var from = new Option<string>("--from") { Description = "Start of the range, RFC 3339 (e.g. 2025-03-10T00:00:00Z).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the range, RFC 3339.", Required = true };
        var json = new Option<string?>("--json") { Description = "Write the breakwater.timeline/v1 document to PATH (stdout without a PATH or with '-').", Arity = ArgumentArity.ZeroOrOne };
        var report = new Option<string?>("--report") { Description = "Write the timeline as a self-contained HTML page." };
        var reports = new Option<string?>("--reports") { Description = "User-report series CSV (time,count[,category]); its waves go on the timeline." };
        var analysis = new Option<string[]>("--analysis") { Description = "breakwater.analysis/v1 documents (from 'breakwater analyze --json').", AllowMultipleArgumentsPerToken = true };
        var intel = new Option<string[]>("--intel") { Description = "Botnet command logs and claims (JSON lines or CSV).", AllowMultipleArgumentsPerToken = true };
        var service = new Option<string>("--service") { Description = "Name of the watched service (claims naming it are matched to all of its incidents and waves).", DefaultValueFactory = _ => "service" };
        var window = new Option<int>("--window-minutes") { Description = "Items that end this long before a wave are listed as preceding it.", DefaultValueFactory = _ => 30 };
        var server = new Option<string?>("--server") { Description = "A running daemon's API base URL (e.g. http://127.0.0.1:8080); used when no offline input is given." };
        var token = new Option<string?>("--token") { Description = "Read token for --server (or BREAKWATER_TOKEN)." };
        var command = new Command("timeline", "Put outage waves, probe states, incidents, mitigations, C2 commands and claims on one timeline.")
        {
            from, to, json, report, reports, analysis, intel, service, window, server, token,
        };
        command.SetAction((parse, ct) => RunAsync(new TimelineOptions(
            parse.GetValue(from)!, parse.GetValue(to)!, parse.GetResult(json) is not null, parse.GetValue(json), parse.GetValue(report),
            parse.GetValue(reports), parse.GetValue(analysis) ?? [], parse.GetValue(intel) ?? [], parse.GetValue(service)!, parse.GetValue(window),
            parse.GetValue(server), parse.GetValue(token) ?? Environment.GetEnvironmentVariable("BREAKWATER_TOKEN"), parse.GetValue(verbose)), stdout, stderr, ct));
        return command;
    }

    internal static async Task<int> RunAsync(TimelineOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Rfc3339.TryParse(o.From, out var from) || !Rfc3339.TryParse(o.To, out var to) || to <= from)
        {
            throw CliError.Usage($"--from and --to must be RFC 3339 times with --to after --from (got '{o.From}' and '{o.To}').");
        }

        if (o.WindowMinutes is < 0 or > 1440)
        {
            throw CliError.Usage("--window-minutes must be from 0 to 1440.");
        }

        var offline = o.Reports is not null || o.Analysis.Count > 0 || o.Intel.Count > 0;
        var inputs = new[] { o.Reports }.Concat(o.Analysis).Concat(o.Intel).OfType<string>().ToList();
        foreach (var file in inputs)
        {
            CliPaths.RequireInputFile(file, "a report series CSV, an analysis document or an intel file");
        }

        var jsonPath = o.Json && o.JsonPath is not (null or "-") ? o.JsonPath : null;
        if (jsonPath is not null)
        {
            CliPaths.RequireOutputFile(jsonPath, "--json", inputs);
        }

        if (o.Report is { } reportPath)
        {
            CliPaths.RequireOutputFile(reportPath, "--report", [.. inputs, jsonPath]);
        }

        if (!offline && o.Server is not null)
        {
            var fetched = await TimelineClient.FetchAsync(o.Server, o.Token, from, to, cancellationToken);
            return await WriteFetchedAsync(fetched, o, stdout, stderr);
        }

        var doc = TimelineBuilder.Build(LoadOffline(o), from, to);
        if (o.Report is { } html)
        {
            AtomicFile.WriteAllText(html, TimelineHtml.Render(doc));
        }

        if (o.Json)
        {
            if (jsonPath is null)
            {
                await stdout.WriteLineAsync(TimelineJson.Serialize(doc));
                return ExitCodes.Ok;
            }

            AtomicFile.WriteAllText(jsonPath, TimelineJson.Serialize(doc));
        }

        TimelineSummary.Write(doc, stdout);
        return ExitCodes.Ok;
    }

    private static TimelineInput LoadOffline(TimelineOptions o)
    {
        IReadOnlyList<Wave> waves = [];
        IReadOnlyList<ReportBucket> buckets = [];
        if (o.Reports is { } csv)
        {
            var rows = ReportCsvReader.ReadFile(csv);
            var result = WaveAnalysis.Run(ReportSeries.FromRows(rows, ReportSeries.InferBucket(rows)));
            waves = result.Waves;
            buckets = result.Series.Buckets;
        }

        var incidents = o.Analysis.SelectMany(AnalysisFileReader.ReadFile).ToList();
        var intel = o.Intel.Select(IntelFileReader.ReadFile).ToList();
        return new TimelineInput
        {
            Service = o.Service, Waves = waves, Reports = buckets, Incidents = incidents,
            Commands = [.. intel.SelectMany(i => i.Commands)], Claims = [.. intel.SelectMany(i => i.Claims)],
            Window = TimeSpan.FromMinutes(o.WindowMinutes),
        };
    }

    private static async Task<int> WriteFetchedAsync(string json, TimelineOptions o, TextWriter stdout, TextWriter stderr)
    {
        if (o.Json && o.JsonPath is { } path && path != "-")
        {
            AtomicFile.WriteAllText(path, json);
        }
        else
        {
            await stdout.WriteLineAsync(json);
        }

        if (o.Report is not null)
        {
            await stderr.WriteLineAsync("breakwater: warning: --report needs offline inputs for now; the daemon's timeline was written as JSON.");
        }

        return ExitCodes.Ok;
    }
}

internal sealed record TimelineOptions(
    string From, string To, bool Json, string? JsonPath, string? Report, string? Reports, IReadOnlyList<string> Analysis,
    IReadOnlyList<string> Intel, string Service, int WindowMinutes, string? Server, string? Token, bool Verbose);
