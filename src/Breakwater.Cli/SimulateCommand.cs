using System.CommandLine;
using System.Globalization;
using System.Net;
using Breakwater.Simulation;
using Breakwater.Simulation.Export;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater simulate SCENARIO --out FILE.pcap</c>: labelled attack traffic and its ground truth; with
/// <c>--export sflow|netflow5|netflow9|ipfix --to HOST:PORT [--rate N]</c> the same traffic as flow datagrams.
/// </summary>
internal static class SimulateCommand
{
    private static readonly string[] Formats = ["sflow", "netflow5", "netflow9", "ipfix"];

    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML (see docs/simulate.md and samples/)." };
        var output = new Option<string?>("--out") { Description = "pcap file to write; the ground truth goes beside it as FILE.truth.json." };
        var export = new Option<string?>("--export") { Description = "Send the traffic as flow datagrams instead: sflow, netflow5, netflow9 or ipfix." };
        export.AcceptOnlyFromAmong(Formats);
        var to = new Option<string?>("--to") { Description = "Collector for --export, HOST:PORT (e.g. 127.0.0.1:6343)." };
        var rate = new Option<double?>("--rate") { Description = "Flow records (samples or flows) per second; default: real time, following the scenario's clock." };
        var sampling = new Option<uint>("--sampling") { Description = "Sample one in N packets (sFlow), or count one in N (sampled NetFlow/IPFIX).", DefaultValueFactory = _ => 1 };
        var duration = new Option<double?>("--max-seconds") { Description = "Stop exporting after this many seconds of wall-clock time." };
        var command = new Command("simulate", "Generate labelled attack traffic from a scenario.") { scenario, output, export, to, rate, sampling, duration };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(scenario)!;
            if (parse.GetValue(export) is { } format)
            {
                return Export(path, format, parse.GetValue(to), parse.GetValue(rate), parse.GetValue(sampling), parse.GetValue(duration), stdout, stderr);
            }

            if (parse.GetValue(output) is not { } pcap)
            {
                stderr.WriteLine("breakwater: simulate needs --out FILE.pcap, or --export FORMAT --to HOST:PORT.");
                return ExitCodes.BadUsage;
            }

            return Run(path, pcap, parse.GetValue(verbose), stdout, stderr);
        });
        return command;
    }

    internal static int Run(string scenario, string output, bool verbose, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(scenario))
        {
            stderr.WriteLine($"breakwater: {scenario} does not exist; give a scenario YAML file (see samples/).");
            return ExitCodes.BadInput;
        }

        try
        {
            var bar = Console.IsErrorRedirected ? null : new TerminalProgress();
            bar?.Begin(output, 1);
            var result = ScenarioGenerator.Generate(scenario, output, bar);
            bar?.End();
            stdout.WriteLine($"Wrote {result.PcapPath}: {result.Packets:N0} packets, {result.Bytes / 1e6:N1} MB, {result.Attacks} attack(s); ground truth in {result.TruthPath}.");
            return ExitCodes.Ok;
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine($"breakwater: {e.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"breakwater: cannot write {output}: {e.Message}");
            if (verbose)
            {
                stderr.WriteLine(e);
            }

            return ExitCodes.RuntimeFailure;
        }
    }

    private static int Export(string scenario, string format, string? to, double? rate, uint sampling, double? maxSeconds, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(scenario))
        {
            stderr.WriteLine($"breakwater: {scenario} does not exist; give a scenario YAML file (see samples/).");
            return ExitCodes.BadInput;
        }

        if (to is null || !IPEndPoint.TryParse(to, out var destination) || destination.Port == 0)
        {
            stderr.WriteLine($"breakwater: --export needs --to HOST:PORT with an IP address and a port, e.g. 127.0.0.1:6343 (got '{to}').");
            return ExitCodes.BadUsage;
        }

        if (rate is <= 0 || sampling == 0 || maxSeconds is <= 0)
        {
            stderr.WriteLine("breakwater: --rate, --sampling and --max-seconds must be positive.");
            return ExitCodes.BadUsage;
        }

        var options = new ExportOptions(Enum.Parse<ExportFormat>(format == "netflow5" ? "NetFlow5" : format == "netflow9" ? "NetFlow9" : format, ignoreCase: true), destination)
        {
            RecordsPerSecond = rate,
            SamplingRate = sampling,
            MaxDuration = maxSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = ScenarioGenerator.Export(scenario, options);
            var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-3);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Sent {result.Records:N0} {format} records in {result.Datagrams:N0} datagrams to {destination} ({result.Packets:N0} packets, {result.Records / seconds:N0} records/s)."));
            return ExitCodes.Ok;
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine($"breakwater: {e.Message}");
            return ExitCodes.BadUsage;
        }
    }
}
