using Breakwater.IntegrationTests.Support;
using Breakwater.Simulation;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>Scenario files: every sample loads; mistakes are reported with file, line and what is allowed.</summary>
public sealed class ScenarioLoaderTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Samples, "*.yaml").Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Load_Sample_ParsesWithAttacksOrBackground(string sample)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepoPaths.Samples, sample));

        Assert.False(string.IsNullOrWhiteSpace(scenario.Name));
        Assert.True(scenario.Attacks.Count > 0 || scenario.Background is not null);
        Assert.All(scenario.Attacks, a => Assert.NotEmpty(a.Vectors));
    }

    [Fact]
    public void Load_SampleFolder_HasEveryRequiredScenario()
    {
        var names = Directory.GetFiles(RepoPaths.Samples, "*.yaml").Select(Path.GetFileName).ToHashSet();

        foreach (var required in new[]
        {
            "syn-flood.yaml", "udp-amplification.yaml", "dns-water-torture.yaml", "mirai-mix.yaml", "multi-vector.yaml",
            "carpet-bomb.yaml", "ipv6-flood.yaml", "background-only.yaml", "march-10-2025.yaml",
        })
        {
            Assert.Contains(required, names);
        }
    }

    [Fact]
    public void Load_March10_HasThreeWavesAtTheOutageTimes()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepoPaths.Samples, "march-10-2025.yaml"));

        var starts = scenario.Attacks.Select(a => scenario.Start.AddTicks(a.StartNs / 100).UtcDateTime.TimeOfDay).ToList();
        Assert.Equal([new TimeSpan(9, 45, 0), new TimeSpan(14, 0, 0), new TimeSpan(16, 0, 0)], starts);
        Assert.All(scenario.Attacks, a => Assert.Equal("198.51.100.7", a.TargetText));
        Assert.All(scenario.Attacks, a => Assert.True(a.Sources.Bots > 0 && a.Sources.Prefixes.Count > 10));
    }

    [Fact]
    public void Parse_UnknownVector_NamesFileLineAndAllowedVectors()
    {
        const string yaml = """
            scenario: bad
            attacks:
              - name: a
                target: 192.0.2.1
                start: 0s
                duration: 1s
                pps: 1000
                vectors: [syn_flood, smurf_flood]
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));

        Assert.StartsWith("bad.yaml:8:", error.Message, StringComparison.Ordinal);
        Assert.Contains("smurf_flood", error.Message, StringComparison.Ordinal);
        Assert.Contains("ntp_amplification", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_NamesLineAndAllowedKeys()
    {
        const string yaml = """
            scenario: bad
            background:
              pps: 100
              hostz: 4
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "keys.yaml"));

        Assert.StartsWith("keys.yaml:4:", error.Message, StringComparison.Ordinal);
        Assert.Contains("hostz", error.Message, StringComparison.Ordinal);
        Assert.Contains("clients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDurationAndTarget_NameTheirLines()
    {
        const string duration = """
            scenario: bad
            attacks:
              - target: 192.0.2.1
                start: 0s
                duration: soon
                pps: 1000
                vectors: [udp_flood]
            """;
        const string target = """
            scenario: bad
            attacks:
              - target: 192.0.2.300
                start: 0s
                duration: 1s
                pps: 1000
                vectors: [udp_flood]
            """;

        var durationError = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(duration, "d.yaml"));
        var targetError = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(target, "t.yaml"));

        Assert.StartsWith("d.yaml:5:", durationError.Message, StringComparison.Ordinal);
        Assert.Contains("90s", durationError.Message, StringComparison.Ordinal);
        Assert.StartsWith("t.yaml:3:", targetError.Message, StringComparison.Ordinal);
        Assert.Contains("prefix", targetError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_NamesLine()
    {
        const string yaml = "scenario: bad\nattacks:\n  - name: [unclosed\n";

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "broken.yaml"));

        Assert.StartsWith("broken.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SpoofedAndBotsTogether_IsRejected()
    {
        const string yaml = """
            scenario: bad
            attacks:
              - target: 192.0.2.1
                start: 0s
                duration: 1s
                pps: 1000
                vectors: [udp_flood]
                sources: { spoofed: true, bots: 10 }
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "s.yaml"));

        Assert.StartsWith("s.yaml:8:", error.Message, StringComparison.Ordinal);
        Assert.Contains("exactly one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MissingScenarioFile_ThrowsScenarioExceptionNamingIt()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<ScenarioException>(() => ScenarioGenerator.Generate(dir.File("nope.yaml"), dir.File("out.pcap")));

        Assert.Contains("nope.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CarpetBombPrefix_ListsEveryHostOfTheSize()
    {
        const string yaml = """
            scenario: carpet
            attacks:
              - target: 203.0.113.0/24
                start: 0s
                duration: 1s
                pps: 1000
                vectors: [udp_flood]
              - target: 2001:db8:5::/120
                hosts: 16
                start: 0s
                duration: 1s
                pps: 1000
                vectors: [icmp_flood]
            """;

        var scenario = ScenarioLoader.Parse(yaml, "c.yaml");

        Assert.Equal(254, scenario.Attacks[0].Targets.Count);
        Assert.Equal("203.0.113.1", scenario.Attacks[0].Targets[0].ToString());
        Assert.Equal("203.0.113.254", scenario.Attacks[0].Targets[^1].ToString());
        Assert.Equal(16, scenario.Attacks[1].Targets.Count);
    }
}
