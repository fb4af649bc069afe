using Breakwater.Core;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>
/// End to end through the CLI: every attack in a capture is found with the right target and vector, start and
/// end within 2 s, and no incident on background-only traffic. Inputs come from two independent sources: our
/// simulator's sample scenarios and scapy-made captures (tests/Breakwater.IntegrationTests/Captures).
/// </summary>
public sealed class DetectionAccuracyTests
{
    public static TheoryData<string> SampleScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Samples, "*.yaml").Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    public static TheoryData<string> ScapyCaptures()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(RepoPaths.Captures))
        {
            foreach (var path in Directory.GetFiles(RepoPaths.Captures, "*.pcap").Order())
            {
                data.Add(Path.GetFileName(path));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleScenarios))]
    public async Task Analyze_SimulatedSample_FindsEveryAttackAndNothingElse(string scenario)
    {
        using var dir = new TempDirectory();
        var pcap = dir.File("sim.pcap");
        var simulate = await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Samples, scenario), "--out", pcap);
        Assert.True(simulate.ExitCode == 0, simulate.Stderr);

        var document = await AnalyzeAsync(pcap);
        var truth = GroundTruth.Load(dir.File("sim.truth.json"));

        Assert.Equal(truth.Packets, document.Input.Packets);
        Assert.Empty(TruthMatcher.Mismatches(truth, document));
    }

    [Theory]
    [MemberData(nameof(ScapyCaptures))]
    public async Task Analyze_ScapyCapture_FindsEveryAttackAndNothingElse(string capture)
    {
        var pcap = Path.Combine(RepoPaths.Captures, capture);
        var document = await AnalyzeAsync(pcap);
        var truth = GroundTruth.Load(Path.ChangeExtension(pcap, ".truth.json"));

        Assert.Empty(TruthMatcher.Mismatches(truth, document));
    }

    private static async Task<AnalysisDocument> AnalyzeAsync(string pcap)
    {
        var result = await CliRunner.RunAsync("analyze", pcap, "--json", "-");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return AnalysisJson.Deserialize(result.Stdout)!;
    }
}
