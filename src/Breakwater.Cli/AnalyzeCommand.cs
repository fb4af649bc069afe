using System.CommandLine;
using Breakwater.Analysis;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Ingest;

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
        var service = new Option<string?>("--service") { Description = "Service name for access log requests that carry no virtual host (default: 'default')." };
        var command = new Command("analyze", "Find and describe the attacks in packet captures and web access logs.") { files, networks, pps, mbps, config, json, service };
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
                parse.GetValue(service));
            return Task.FromResult(Run(options, stdout, stderr, ct));
        });
        return command;
    }

    internal static int Run(AnalyzeOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        DetectionSettings settings;
        try
        {
            settings = AnalysisSettings.Build(options.ConfigPath, options.Networks?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), options.ThresholdPps, options.ThresholdMbps);
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"breakwater: {e.Message}");
            return ExitCodes.BadUsage;
        }

        foreach (var file in options.Files)
        {
            if (!File.Exists(file))
            {
                stderr.WriteLine($"breakwater: {file} does not exist; give the path of a pcap or pcapng file or a web access log.");
                return ExitCodes.BadInput;
            }
        }

        AnalysisDocument document;
        try
        {
            var interactive = !Console.IsErrorRedirected && options.Json != "-";
            document = OfflineAnalysis.Run(
                new AnalysisRequest { Captures = options.Files, Service = options.Service, Settings = settings, Progress = interactive ? new TerminalProgress() : null },
                cancellationToken);
        }
        catch (CaptureFormatException e)
        {
            stderr.WriteLine($"breakwater: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"breakwater: cannot read the input: {e.Message}");
            if (options.Verbose)
            {
                stderr.WriteLine(e);
            }

            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("breakwater: analysis cancelled.");
            return ExitCodes.RuntimeFailure;
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
                try
                {
                    File.WriteAllText(options.Json, AnalysisJson.Serialize(document) + "\n");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"breakwater: cannot write {options.Json}: {e.Message}");
                    return ExitCodes.RuntimeFailure;
                }
            }

            AnalysisSummary.Write(document, stdout);
        }

        return ExitCodes.Ok;
    }
}
