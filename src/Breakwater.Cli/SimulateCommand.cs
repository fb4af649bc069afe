using System.CommandLine;
using Breakwater.Simulation;

namespace Breakwater.Cli;

/// <summary><c>breakwater simulate SCENARIO --out FILE.pcap</c>: labelled attack traffic and its ground truth.</summary>
internal static class SimulateCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario YAML (see docs/simulate.md and samples/)." };
        var output = new Option<string>("--out") { Description = "pcap file to write; the ground truth goes beside it as FILE.truth.json.", Required = true };
        var command = new Command("simulate", "Generate labelled attack traffic from a scenario.") { scenario, output };
        command.SetAction((parse, _) =>
            Task.FromResult(Run(parse.GetValue(scenario)!, parse.GetValue(output)!, parse.GetValue(verbose), stdout, stderr)));
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
            var result = ScenarioGenerator.Generate(scenario, output);
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
}
