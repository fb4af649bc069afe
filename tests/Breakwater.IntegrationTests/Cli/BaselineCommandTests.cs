using System.Text.Json;
using Breakwater.IntegrationTests.Support;
using Breakwater.TestKit.Captures;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>
/// <c>baseline learn</c> then <c>analyze --baseline</c> from the command line: 40 minutes of a host's normal traffic on a
/// Monday at 14:00 are learned; a week later in the same hour a flood at 20× that level, far below the static
/// thresholds, is an incident whose <c>trigger</c> is <c>baseline</c>.
/// </summary>
public sealed class BaselineCommandTests : IDisposable
{
    // Monday 10 March 2025, 14:00 UTC.
    private const uint Monday = 1_741_615_200;
    private const uint Host = 0xC6336407; // 198.51.100.7
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task BaselineLearn_ThenAnalyze_FindsAFloodBelowTheStaticThresholds()
    {
        var normal = _dir.File("normal.pcap");
        var attack = _dir.File("attack.pcap");
        var baseline = _dir.File("web.baseline");
        var config = _dir.File("breakwater.yaml");
        Write(normal, Traffic(Monday, 2_400, pps: 10, attackFrom: uint.MaxValue));
        Write(attack, Traffic(Monday + (7 * 86_400) + 600, 120, pps: 10, attackFrom: 60));
        File.WriteAllText(config, "networks:\n  - prefix: 198.51.100.0/24\ndetection:\n  baseline: { enabled: true, min_pps: 20 }\n");

        var learned = await CliRunner.RunAsync("baseline", "learn", normal, "--config", config, "--output", baseline);
        Assert.Equal(0, learned.ExitCode);
        Assert.Contains("2 host(s) and prefix(es); 2 of their hours of the week learned", learned.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(baseline));

        // Without the baseline the flood (200 pps) is far below the default 4,000 pps: no incident.
        var plain = await CliRunner.RunAsync("analyze", attack, "--config", config, "--json", "-");
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(plain.Stdout).RootElement.GetProperty("incidents").GetArrayLength());

        var result = await CliRunner.RunAsync("analyze", attack, "--config", config, "--baseline", baseline, "--json", "-");
        Assert.Equal(0, result.ExitCode);
        var incident = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal("198.51.100.7", incident.GetProperty("target").GetString());
        Assert.Equal("baseline", incident.GetProperty("trigger").GetString());
        Assert.StartsWith("baseline ", incident.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaselineLearn_ShortCapture_WarnsThatNothingWasLearned()
    {
        var capture = _dir.File("short.pcap");
        Write(capture, Traffic(Monday, 60, pps: 10, attackFrom: uint.MaxValue));
        var result = await CliRunner.RunAsync("baseline", "learn", capture, "--output", _dir.File("short.baseline"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no hour was learned", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeBaseline_NotABaselineFile_Exits3NamingIt()
    {
        var capture = _dir.File("short.pcap");
        Write(capture, Traffic(Monday, 5, pps: 10, attackFrom: uint.MaxValue));
        var junk = _dir.File("junk.baseline");
        File.WriteAllText(junk, "hello");
        var result = await CliRunner.RunAsync("analyze", capture, "--baseline", junk);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("junk.baseline is not a Breakwater baseline file", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>UDP to the host from ten clients at <paramref name="pps"/>, plus from <paramref name="attackFrom"/> s on 200 pps from port 53.</summary>
    private static IEnumerable<byte[]> Traffic(uint start, int seconds, int pps, uint attackFrom)
    {
        for (uint s = 0; s < seconds; s++)
        {
            for (var i = 0; i < pps; i++)
            {
                var frame = Frames.Ethernet(Frames.IPv4Udp(0xCB007100 + (uint)(i % 10), Host, 40_000, 443, 200));
                yield return MiniPcap.Record(frame, start + s, (uint)(i * 1_000_000 / pps));
            }

            for (var i = 0; s >= attackFrom && i < 200; i++)
            {
                var frame = Frames.Ethernet(Frames.IPv4Udp(0xC0000200 + (uint)(i % 50), Host, 53, 1234, 400));
                yield return MiniPcap.Record(frame, start + s, (uint)((i * 5_000) + 2_500));
            }
        }
    }

    private static void Write(string path, IEnumerable<byte[]> records)
    {
        using var file = File.Create(path);
        file.Write(MiniPcap.Header(linkType: 1));
        foreach (var record in records)
        {
            file.Write(record);
        }
    }
}
