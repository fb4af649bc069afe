using System.Text.Json;
using Breakwater.IntegrationTests.Support;
using Breakwater.Simulation;
using Breakwater.TestKit.Captures;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>Runaway outputs, partial files, all-malformed inputs and clocks that jump: each answered plainly.</summary>
public sealed class EdgeCaseTests
{
    private const uint T0 = 1_741_615_200; // 2025-03-10T14:00:00Z

    [Fact]
    public async Task Simulate_ScenarioOverMaxBytes_Exits2WithEstimateAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var scenario = dir.File("huge.yaml");
        await File.WriteAllTextAsync(scenario,
            "scenario: huge\nattacks:\n  - name: a\n    target: 198.51.100.7\n    start: 0s\n    duration: 30d\n    pps: 20000000\n    vectors: [syn_flood]\n",
            TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("simulate", scenario, "--out", dir.File("huge.pcap"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-bytes", result.Stderr);
        Assert.Matches(@"about [\d,.]+ GiB \([\d,]+ packets\)", result.Stderr);
        Assert.Equal(["huge.yaml"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Simulate_SmallMaxBytes_RefusesEvenASmallScenario()
    {
        using var dir = new TempDirectory();
        var scenario = dir.File("s.yaml");
        await File.WriteAllTextAsync(scenario,
            "scenario: s\nattacks:\n  - name: a\n    target: 198.51.100.7\n    start: 0s\n    duration: 2s\n    pps: 1000\n    vectors: [syn_flood]\n",
            TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("simulate", scenario, "--out", dir.File("s.pcap"), "--max-bytes", "10000");

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(dir.File("s.pcap")));
    }

    [Fact]
    public void Simulate_Cancelled_LeavesNeitherCaptureNorTruthNorPartials()
    {
        using var dir = new TempDirectory();
        var scenario = dir.File("long.yaml");
        File.WriteAllText(scenario,
            "scenario: long\nattacks:\n  - name: a\n    target: 198.51.100.7\n    start: 0s\n    duration: 120s\n    pps: 50000\n    vectors: [syn_flood]\n");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAny<OperationCanceledException>(() => ScenarioGenerator.WriteCapture(scenario, dir.File("long.pcap"), ScenarioGenerator.DefaultMaxBytes, null, cancel.Token));

        Assert.Equal(["long.yaml"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Simulate_StartInYear9999_Exits2BeforeWritingWrappedTimestamps()
    {
        using var dir = new TempDirectory();
        var scenario = dir.File("future.yaml");
        await File.WriteAllTextAsync(scenario,
            "scenario: f\nstart: 9999-01-01T00:00:00Z\nattacks:\n  - name: a\n    target: 198.51.100.7\n    start: 0s\n    duration: 2s\n    pps: 10\n    vectors: [syn_flood]\n",
            TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("simulate", scenario, "--out", dir.File("f.pcap"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("future.yaml:2", result.Stderr);
        Assert.Contains("2106", result.Stderr);
    }

    [Fact]
    public async Task Analyze_OnlyZerosBehindAValidHeader_Exits3SayingNothingCouldBeAnalysed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("zeros.pcap");
        await File.WriteAllBytesAsync(path, [.. MiniPcap.Header(linkType: 1), .. new byte[16 * 5000]], TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("analyze", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nothing could be analysed", result.Stderr);
        Assert.Contains("5,000", result.Stderr);
    }

    [Fact]
    public async Task Analyze_ClockJumpsBackThreeHours_CountsWarnsAndNeverDecidesBeforeOnset()
    {
        using var dir = new TempDirectory();
        var path = dir.File("jump.pcap");
        var frame = Frames.Ethernet(Frames.IPv4Tcp(0xC0000201, 0xC6336407, 1234, 80, 0x02));
        using (var file = File.Create(path))
        {
            file.Write(MiniPcap.Header(linkType: 1));
            for (var i = 0; i < 20_000; i++)
            {
                // 2,500 SYN/s for 4 s, then the same again stamped three hours earlier.
                var back = i >= 10_000 ? 3 * 3600u : 0u;
                var n = i % 10_000;
                file.Write(MiniPcap.Record(frame, T0 - back + (uint)(n / 2_500), (uint)(n % 2_500 * 400)));
            }
        }

        var json = dir.File("jump.json");
        var result = await CliRunner.RunAsync("analyze", path, "--threshold-pps", "1000", "--json", json);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("10,000 packets were time-stamped", result.Stderr);
        var document = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(10_000, document.GetProperty("input").GetProperty("timestamps_out_of_order").GetInt64());
        var incident = Assert.Single(document.GetProperty("incidents").EnumerateArray());
        Assert.True(incident.GetProperty("detected").GetDateTimeOffset() >= incident.GetProperty("start").GetDateTimeOffset());
        Assert.InRange(incident.GetProperty("peak_pps").GetDouble(), 2_000, 3_000);
    }

    [Fact]
    public async Task Analyze_PcapngTimestampOverflow_CountedOutOfRange()
    {
        using var dir = new TempDirectory();
        var path = dir.File("overflow.pcapng");
        var frame = Frames.Ethernet(Frames.IPv4Udp(0xC0000201, 0xC6336407, 1234, 53, 20));
        await File.WriteAllBytesAsync(path, new PcapngFileBuilder().Section().Interface(1)
            .Enhanced(0, (ulong)T0 * 1_000_000, frame).Enhanced(0, ulong.MaxValue, frame).ToArray(), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("analyze", path, "--json", "-");

        Assert.Equal(0, result.ExitCode);
        var input = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("input");
        Assert.Equal(1, input.GetProperty("timestamps_out_of_range").GetInt64());
        Assert.StartsWith("2025-03-10", input.GetProperty("last").GetString());
        Assert.Contains("outside 1970", result.Stderr);
    }
}
