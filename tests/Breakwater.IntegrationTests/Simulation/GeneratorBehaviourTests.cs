using Breakwater.IntegrationTests.Support;
using Breakwater.Simulation;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>Determinism, rate shape, time jumps and link options of the generator.</summary>
public sealed class GeneratorBehaviourTests
{
    [Fact]
    public void Generate_SameSeedTwice_WritesIdenticalBytes()
    {
        using var dir = new TempDirectory();
        var scenario = ScenarioFiles.Write(dir, "all.yaml", ScenarioFiles.AllVectors);

        ScenarioGenerator.Generate(scenario, dir.File("a.pcap"));
        ScenarioGenerator.Generate(scenario, dir.File("b.pcap"));

        Assert.Equal(File.ReadAllBytes(dir.File("a.pcap")), File.ReadAllBytes(dir.File("b.pcap")));
        Assert.Equal(
            File.ReadAllText(dir.File("a.truth.json")).Replace("a.pcap", "", StringComparison.Ordinal),
            File.ReadAllText(dir.File("b.truth.json")).Replace("b.pcap", "", StringComparison.Ordinal));
    }

    [Fact]
    public void GenerateFromText_SameScenarioAsFile_WritesIdenticalBytes()
    {
        using var dir = new TempDirectory();

        ScenarioGenerator.Generate(ScenarioFiles.Write(dir, "syn.yaml", ScenarioFiles.SteadySyn), dir.File("file.pcap"));
        var result = ScenarioGenerator.GenerateFromText(ScenarioFiles.SteadySyn, dir.File("text.pcap"));

        Assert.Equal(File.ReadAllBytes(dir.File("file.pcap")), File.ReadAllBytes(result.PcapPath));
        Assert.Equal(dir.File("text.truth.json"), result.TruthPath);
    }

    [Fact]
    public void Generate_OtherSeed_WritesOtherBytes()
    {
        using var dir = new TempDirectory();
        var first = ScenarioFiles.Write(dir, "one.yaml", ScenarioFiles.SteadySyn);
        var second = ScenarioFiles.Write(dir, "two.yaml", ScenarioFiles.SteadySyn.Replace("seed: 11", "seed: 12", StringComparison.Ordinal));

        ScenarioGenerator.Generate(first, dir.File("one.pcap"));
        ScenarioGenerator.Generate(second, dir.File("two.pcap"));

        Assert.NotEqual(File.ReadAllBytes(dir.File("one.pcap")), File.ReadAllBytes(dir.File("two.pcap")));
    }

    [Fact]
    public void Generate_WithProgress_ReportsRisingFractionsEndingAtOne()
    {
        using var dir = new TempDirectory();
        var progress = new RecordingProgress();

        ScenarioGenerator.Generate(ScenarioFiles.Write(dir, "syn.yaml", ScenarioFiles.SteadySyn), dir.File("syn.pcap"), progress);

        Assert.True(progress.Values.Count > 2);
        Assert.Equal(1.0, progress.Values[^1]);
        Assert.All(progress.Values.Zip(progress.Values.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
    }

    [Fact]
    public void Generate_SteadyFlood_FillsEachSecondEvenly()
    {
        using var dir = new TempDirectory();
        var result = ScenarioGenerator.Generate(ScenarioFiles.Write(dir, "syn.yaml", ScenarioFiles.SteadySyn), dir.File("syn.pcap"));
        var records = PcapRecords.Read(result.PcapPath);

        var perTenth = records.GroupBy(r => r.UnixNs / 100_000_000).Select(g => g.Count()).ToList();
        var perSecond = records.GroupBy(r => r.UnixNs / 1_000_000_000).Select(g => g.Count()).ToList();

        Assert.Equal(4, perSecond.Count);
        Assert.All(perSecond, c => Assert.InRange(c, 9_700, 10_300));
        Assert.All(perTenth.Skip(1).SkipLast(1), c => Assert.InRange(c, 800, 1_200));
    }

    [Fact]
    public void Generate_RampUp_StartsLowAndReachesTheRate()
    {
        using var dir = new TempDirectory();
        var yaml = ScenarioFiles.SteadySyn.Replace("pps: 10000", "pps: 10000\n    ramp: 2s", StringComparison.Ordinal);
        var result = ScenarioGenerator.Generate(ScenarioFiles.Write(dir, "ramp.yaml", yaml), dir.File("ramp.pcap"));
        var perSecond = PcapRecords.Read(result.PcapPath).GroupBy(r => r.UnixNs / 1_000_000_000).Select(g => g.Count()).ToList();

        Assert.True(perSecond[0] < 4_000, $"first second {perSecond[0]}");
        Assert.InRange(perSecond[^1], 9_500, 10_500);
    }

    [Fact]
    public void Generate_QuietHours_AreTimeJumpsNotPackets()
    {
        using var dir = new TempDirectory();
        const string yaml = """
            scenario: gaps
            start: 2025-03-10T09:00:00Z
            background:
              pps: 50
              clients: 20
              servers: 4
              spans:
                - { start: 0s, duration: 10s }
                - { start: 5h, duration: 10s }
            attacks:
              - target: 198.51.100.7
                start: 5h2s
                duration: 2s
                pps: 5000
                vectors: [udp_flood]
            """;
        var result = ScenarioGenerator.Generate(ScenarioFiles.Write(dir, "gaps.yaml", yaml), dir.File("gaps.pcap"));
        var records = PcapRecords.Read(result.PcapPath);

        var largestGap = records.Zip(records.Skip(1), (a, b) => b.UnixNs - a.UnixNs).Max();
        Assert.True(largestGap > TimeSpan.FromHours(4.9).Ticks * 100);
        Assert.True(new FileInfo(result.PcapPath).Length < 8_000_000);
        var truth = TruthFile.Load(result.TruthPath);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 14, 0, 2, TimeSpan.Zero), truth.Attacks[0].Start);
    }

    [Fact]
    public void Generate_RawLinkAndNanoseconds_WritesThatHeader()
    {
        using var dir = new TempDirectory();
        var yaml = "link: raw\ntimestamps: ns\n" + ScenarioFiles.SteadySyn;
        var result = ScenarioGenerator.Generate(ScenarioFiles.Write(dir, "raw.yaml", yaml), dir.File("raw.pcap"));
        var header = File.ReadAllBytes(result.PcapPath).AsSpan(0, 24).ToArray();

        Assert.Equal(0xA1B23C4Du, BitConverter.ToUInt32(header, 0));
        Assert.Equal(101u, BitConverter.ToUInt32(header, 20));
        Assert.Equal(0x45, File.ReadAllBytes(result.PcapPath)[24 + 16]);
    }

    [Fact]
    public async Task Generate_CarpetBomb_HitsEveryHostOfThePrefix()
    {
        using var dir = new TempDirectory();
        const string yaml = """
            scenario: carpet
            attacks:
              - target: 203.0.113.0/24
                start: 0s
                duration: 2s
                pps: 20000
                vectors: [udp_flood, syn_flood]
            """;
        var result = ScenarioGenerator.Generate(ScenarioFiles.Write(dir, "carpet.yaml", yaml), dir.File("carpet.pcap"));
        var truth = TruthFile.Load(result.TruthPath);

        Assert.Equal("203.0.113.0/24", truth.Attacks[0].Target);
        Assert.Equal(254, truth.Attacks[0].Targets.Count);
        var hosts = await Tshark.FieldsAsync(result.PcapPath, null, "ip.dst");
        Assert.Equal(254, hosts.Distinct().Count());
    }

    private sealed class RecordingProgress : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value) => Values.Add(value);
    }
}
