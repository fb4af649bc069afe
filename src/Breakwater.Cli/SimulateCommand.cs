using System.CommandLine;
using System.Globalization;
using System.Net;
using Breakwater.Cli.Errors;
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
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Refuse scenarios whose capture would be larger than this many bytes (default 8 GiB).",
            DefaultValueFactory = _ => ScenarioGenerator.DefaultMaxBytes,
        };
        var export = new Option<string?>("--export") { Description = "Send the traffic as flow datagrams instead: sflow, netflow5, netflow9 or ipfix." };
        export.AcceptOnlyFromAmong(Formats);
        var to = new Option<string?>("--to") { Description = "Collector for --export, HOST:PORT (e.g. 127.0.0.1:6343)." };
        var rate = new Option<double?>("--rate") { Description = "Flow records (samples or flows) per second; default: real time, following the scenario's clock." };
        var sampling = new Option<uint>("--sampling") { Description = "Sample one in N packets (sFlow), or count one in N (sampled NetFlow/IPFIX).", DefaultValueFactory = _ => 1 };
        var duration = new Option<double?>("--max-seconds") { Description = "Stop exporting after this many seconds of wall-clock time." };
        var command = new Command("simulate", "Generate labelled attack traffic from a scenario.") { scenario, output, maxBytes, export, to, rate, sampling, duration };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(scenario)!;
            if (parse.GetValue(export) is { } format)
            {
                return Task.FromResult(Export(path, format, parse.GetValue(to), parse.GetValue(rate), parse.GetValue(sampling), parse.GetValue(duration), stdout));
            }

            if (parse.GetValue(output) is not { } pcap)
            {
                throw CliError.Usage("simulate needs --out FILE.pcap, or --export FORMAT --to HOST:PORT.");
            }

            return Task.FromResult(Run(path, pcap, parse.GetValue(maxBytes), stdout, ct));
        });
        return command;
    }

    internal static int Run(string scenario, string output, long maxBytes, TextWriter stdout, CancellationToken cancellationToken)
    {
        CliPaths.RequireInputFile(scenario, "a scenario YAML file (see samples/)");
        if (maxBytes <= 0)
        {
            throw CliError.Usage($"--max-bytes must be a positive number of bytes, got {maxBytes}.");
        }

        CliPaths.RequireOutputFile(output, "--out", [scenario]);
        CliPaths.RequireOutputFile(ScenarioGenerator.TruthPathFor(output), "--out (its ground truth, FILE.truth.json)", [scenario]);
        var bar = Console.IsErrorRedirected ? null : new TerminalProgress();
        bar?.Begin(output, 1);
        try
        {
            var result = ScenarioGenerator.WriteCapture(scenario, output, maxBytes, bar, cancellationToken);
            stdout.WriteLine($"Wrote {result.PcapPath}: {result.Packets:N0} packets, {result.Bytes / 1e6:N1} MB, {result.Attacks} attack(s); ground truth in {result.TruthPath}.");
            return ExitCodes.Ok;
        }
        finally
        {
            bar?.End();
        }
    }

    private static int Export(string scenario, string format, string? to, double? rate, uint sampling, double? maxSeconds, TextWriter stdout)
    {
        CliPaths.RequireInputFile(scenario, "a scenario YAML file (see samples/)");
        if (to is null || !IPEndPoint.TryParse(to, out var destination) || destination.Port == 0)
        {
            throw CliError.Usage($"--export needs --to HOST:PORT with an IP address and a port, e.g. 127.0.0.1:6343 (got '{to}').");
        }

        if (rate is { } r && !(double.IsFinite(r) && r > 0) || sampling == 0 || maxSeconds is { } m && !(double.IsFinite(m) && m > 0))
        {
            throw CliError.Usage("--rate, --sampling and --max-seconds must be positive, finite numbers.");
        }

        var options = new ExportOptions(Enum.Parse<ExportFormat>(format == "netflow5" ? "NetFlow5" : format == "netflow9" ? "NetFlow9" : format, ignoreCase: true), destination)
        {
            RecordsPerSecond = rate,
            SamplingRate = sampling,
            MaxDuration = maxSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = ScenarioGenerator.Export(scenario, options);
        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-3);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sent {result.Records:N0} {format} records in {result.Datagrams:N0} datagrams to {destination} ({result.Packets:N0} packets, {result.Records / seconds:N0} records/s)."));
        return ExitCodes.Ok;
    }
}
