using System.CommandLine;
using Breakwater.Analysis;
using Breakwater.Cli.Errors;
using Breakwater.Core;
using Breakwater.Detection.Baselines;

namespace Breakwater.Cli;

/// <summary><c>breakwater analyze FILE…</c>: offline analysis of captures into the breakwater.analysis/v1 document.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "pcap or pcapng files and web access logs (gzip-compressed too; told apart by content), read in the order given.", Arity = ArgumentArity.OneOrMore };
        var networks = new Option<string?>("--networks") { Description = "Protected prefixes, comma-separated (e.g. 198.51.100.0/24,2001:db8::/48). Default: every destination." };
        var pps = new Option<double?>("--threshold-pps") { Description = "Packets per second at one host that count as an attack (default 4000)." };
        var mbps = new Option<double?>("--threshold-mbps") { Description = "Megabits per second at one host that count as an attack (default 40)." };
        var config = new Option<string?>("--config") { Description = "breakwater.yaml with networks, groups and detection settings." };
        var json = new Option<string?>("--json") { Description = "Write the breakwater.analysis/v1 document to PATH, or to stdout with '-'." };
        var report = new Option<string?>("--report") { Description = "Write the self-contained HTML forensics report to PATH." };
        var intel = new Option<string[]>("--intel") { Description = "IP lists or botnet command logs to match incidents against (repeatable).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var service = new Option<string?>("--service") { Description = "Service name for access log requests that carry no virtual host (default: 'default')." };
        var baseline = new Option<string?>("--baseline") { Description = "A baseline file from 'breakwater baseline learn': hosts and prefixes are also judged against their learned hour-of-week level." };
        var command = new Command("analyze", "Find and describe the attacks in packet captures and web access logs.") { files, networks, pps, mbps, config, json, report, intel, service, baseline };
        command.SetAction((parse, ct) =>
        {
            var options = new AnalyzeOptions(
                parse.GetValue(files) ?? [],
                parse.GetValue(networks),
                parse.GetValue(pps),
                parse.GetValue(mbps),
                parse.GetValue(config),
                parse.GetValue(json),
                parse.GetValue(verbose),
                parse.GetValue(service))
            {
                Report = parse.GetValue(report),
                Intel = parse.GetValue(intel) ?? [],
                Baseline = parse.GetValue(baseline),
            };
            return Task.FromResult(Run(options, stdout, stderr, ct));
        });
        return command;
    }

    internal static int Run(AnalyzeOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var settings = AnalysisSettings.Build(
            options.ConfigPath,
            options.Networks?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            options.ThresholdPps,
            options.ThresholdMbps);
        if (options.Baseline is { } baselinePath)
        {
            CliPaths.RequireInputFile(baselinePath, "a baseline file from 'breakwater baseline learn'");
            settings = settings with { Baseline = settings.Baseline with { Enabled = true } };
        }

        var request = new AnalysisRequest
        {
            Captures = options.Files,
            Service = options.Service,
            Settings = settings,
            Baseline = options.Baseline is { } baselineFile ? BaselineFile.Load(baselineFile, settings.Baseline) : null,
            Progress = !Console.IsErrorRedirected && options.Json != "-" ? new TerminalProgress() : null,
        };
        foreach (var file in request.Captures)
        {
            CliPaths.RequireInputFile(file, "a pcap or pcapng file or a web access log");
        }

        if (options.Json is { } jsonPath)
        {
            CliPaths.RequireOutputFile(jsonPath, "--json", request.InputPaths.Append(options.ConfigPath).Append(options.Baseline));
        }

        var intelSet = AnalyzeForensics.LoadIntel(options.ConfigPath, options.Intel, stderr, out var intelExit);
        if (intelExit != ExitCodes.Ok)
        {
            return intelExit;
        }

        var document = OfflineAnalysis.Run(request, cancellationToken);
        var forensicsExit = AnalyzeForensics.Apply(document, options, intelSet, stderr);
        if (forensicsExit != ExitCodes.Ok)
        {
            return forensicsExit;
        }

        foreach (var warning in document.Warnings)
        {
            stderr.WriteLine($"breakwater: warning: {warning}");
        }

        if (options.Json == "-")
        {
            stdout.Write(AnalysisJson.Serialize(document));
            stdout.WriteLine();
        }
        else
        {
            if (options.Json is not null)
            {
                AtomicFile.WriteAllText(options.Json, AnalysisJson.Serialize(document) + "\n");
            }

            AnalysisSummary.Write(document, stdout);
        }

        return NothingAnalysed(document.Input) is { } why ? throw CliError.Input(why) : ExitCodes.Ok;
    }

    /// <summary>A capture with packets none of which could be decoded is bad input, not "no attack found".</summary>
    private static string? NothingAnalysed(InputSummary input)
    {
        if (input.Malformed == 0 || input.Analysed > 0)
        {
            return null;
        }

        var reasons = string.Join(", ", input.MalformedReasons.OrderByDescending(r => r.Value).Take(3).Select(r => $"{r.Key} {r.Value:N0}"));
        return $"nothing could be analysed: {input.Malformed:N0} malformed records and no usable packet in {string.Join(", ", input.Files)} ({reasons}); is this really a capture?";
    }
}
