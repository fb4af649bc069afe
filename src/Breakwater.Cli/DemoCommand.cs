using System.CommandLine;
using Breakwater.Cli.Errors;
using Breakwater.Simulation;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater demo</c>: for now, simulates the built-in three-wave scenario shaped like 10 March 2025 and
/// analyses it. (The daemon demo with the live sFlow path replaces this in a later release.)
/// </summary>
internal static class DemoCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Option<string?>("--scenario") { Description = "Scenario to play instead of samples/march-10-2025.yaml." };
        var directory = new Option<string?>("--dir") { Description = "Where to write the capture and the analysis (default: a new temporary folder)." };
        var command = new Command("demo", "Simulate a three-wave attack day shaped like 10 March 2025 and analyse it.") { scenario, directory };
        command.SetAction((parse, ct) =>
            Task.FromResult(Run(parse.GetValue(scenario), parse.GetValue(directory), parse.GetValue(verbose), stdout, stderr, ct)));
        return command;
    }

    private static int Run(string? scenario, string? directory, bool verbose, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
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
        stdout.WriteLine($"Simulating {Path.GetFileName(scenario)} …");
        var code = SimulateCommand.Run(scenario, pcap, ScenarioGenerator.DefaultMaxBytes, stdout, ct);
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        var json = Path.Combine(directory, "analysis.json");
        stdout.WriteLine($"Analysing {pcap} …");
        code = AnalyzeCommand.Run(new AnalyzeOptions([pcap], null, null, null, null, json, verbose), stdout, stderr, ct);
        if (code == ExitCodes.Ok)
        {
            stdout.WriteLine($"The analysis document is {json}; the ground truth is beside the capture.");
        }

        return code;
    }

    /// <summary>Looks for samples/ next to the binary and in the current directory's ancestors.</summary>
    private static string? FindSample(string name)
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
