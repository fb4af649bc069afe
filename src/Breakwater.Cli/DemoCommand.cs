using System.CommandLine;
using Breakwater.Cli.Errors;
using Breakwater.Simulation;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater demo</c>: the live product on loopback (<see cref="LiveDemo"/>): a daemon with a temporary SQLite store,
/// the three-wave scenario shaped like 10 March 2025 replayed through the real sFlow path, the dashboard URL printed.
/// <c>--offline</c> keeps the earlier demo: simulate the scenario to a pcap and analyse it.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Option<string?>("--scenario") { Description = "Scenario to play instead of samples/march-10-2025.yaml." };
        var directory = new Option<string?>("--dir") { Description = "Where to keep the store (or, with --offline, the capture and analysis); default: a new temporary folder." };
        var duration = new Option<string>("--duration")
        {
            Description = "How long the replay takes: the day's timeline is compressed to about this (e.g. 90s, 3m).", DefaultValueFactory = _ => "3m",
        };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the dashboard URL without opening a browser." };
        var offline = new Option<bool>("--offline") { Description = "Simulate the scenario to a pcap and analyse it instead (no daemon)." };
        var command = new Command("demo", "Watch Breakwater detect a three-wave attack day shaped like 10 March 2025, live on loopback.")
        {
            scenario, directory, duration, noBrowser, offline,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(offline))
            {
                return await RunOfflineAsync(parse.GetValue(scenario), parse.GetValue(directory), parse.GetValue(verbose), stdout, stderr, ct);
            }

            if (!TryParseDuration(parse.GetValue(duration)!, out var length))
            {
                throw CliError.Usage($"--duration must be a time such as 90s, 3m or 120 (seconds), from 20 s to 2 h; got '{parse.GetValue(duration)}'.");
            }

            var path = parse.GetValue(scenario) ?? FindSample("march-10-2025.yaml");
            if (path is null || !File.Exists(path))
            {
                throw CliError.Usage("cannot find samples/march-10-2025.yaml; run the demo from the repository or pass --scenario FILE.");
            }

            return await LiveDemo.RunAsync(new LiveDemo.Options(path, parse.GetValue(directory), length, !parse.GetValue(noBrowser)), stdout, stderr, ct);
        });
        return command;
    }

    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        text = text.Trim();
        var scale = text.EndsWith('h') ? 3600 : text.EndsWith('m') ? 60 : 1;
        var number = text.TrimEnd('h', 'm', 's');
        duration = double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? TimeSpan.FromSeconds(value * scale)
            : TimeSpan.Zero;
        return duration >= TimeSpan.FromSeconds(20) && duration <= TimeSpan.FromHours(2);
    }

    private static async Task<int> RunOfflineAsync(string? scenario, string? directory, bool verbose, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var sampleDay = scenario is null;
        scenario ??= FindSample("march-10-2025.yaml")
            ?? throw CliError.Usage("cannot find samples/march-10-2025.yaml; run the demo from the repository or pass --scenario FILE.");
        try
        {
            directory ??= Directory.CreateTempSubdirectory("breakwater-demo-").FullName;
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliError.Usage($"cannot use --dir {directory}: {IoReason.Of(e)}; choose a writable folder.", e);
        }

        var pcap = Path.Combine(directory, Path.GetFileNameWithoutExtension(scenario) + ".pcap");
        await stdout.WriteLineAsync($"Simulating {Path.GetFileName(scenario)} …");
        var code = SimulateCommand.Run(scenario, pcap, ScenarioGenerator.DefaultMaxBytes, stdout, ct);
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        var json = Path.Combine(directory, "analysis.json");
        await stdout.WriteLineAsync($"Analysing {pcap} …");
        code = AnalyzeCommand.Run(new AnalyzeOptions([pcap], null, null, null, null, json, verbose), stdout, stderr, ct);
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        await stdout.WriteLineAsync($"The analysis document is {json}; the ground truth is beside the capture.");
        return sampleDay ? await TimelineAsync(json, directory, verbose, stdout, stderr, ct) : code;
    }

    /// <summary>
    /// The sample day's one timeline: the user-report waves of samples/march-10-2025/, the incidents just analysed, the
    /// botnet commands and the claims, as <c>breakwater timeline</c> draws them (HTML beside the analysis).
    /// </summary>
    private static async Task<int> TimelineAsync(string analysis, string directory, bool verbose, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (FindSample(Path.Combine("march-10-2025", "reports.csv")) is not { } reports)
        {
            return ExitCodes.Ok;
        }

        var folder = Path.GetDirectoryName(reports)!;
        var html = Path.Combine(directory, "timeline.html");
        await stdout.WriteLineAsync("One timeline: user-report waves, these incidents, the botnet's commands and the claims …");
        var code = await TimelineCommand.RunAsync(new TimelineOptions(
            "2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z", Json: false, JsonPath: null, Report: html, Reports: reports, Analysis: [analysis],
            Intel: [Path.Combine(folder, "commands.jsonl"), Path.Combine(folder, "claims.jsonl")], Service: "x.com", WindowMinutes: 30,
            Server: null, Token: null, Verbose: verbose), stdout, stderr, ct);
        if (code == ExitCodes.Ok)
        {
            await stdout.WriteLineAsync($"The timeline is {html}.");
        }

        return code;
    }

    /// <summary>Looks for samples/ next to the binary and in the current directory's ancestors.</summary>
    internal static string? FindSample(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
