using Breakwater.TestKit.Captures;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>Bad input gets one clear sentence and the documented exit code, never a stack trace.</summary>
public sealed class AnalyzeErrorTests
{
    [Fact]
    public async Task Analyze_TextFile_Exits3NamingFileAndMagic()
    {
        using var dir = new TempDirectory();
        var path = dir.File("notes.txt");
        await File.WriteAllTextAsync(path, "Hello, this is not a capture.", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("analyze", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("notes.txt", result.Stderr);
        Assert.Contains("48656c6c", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Analyze_MissingFile_Exits3()
    {
        var result = await CliRunner.RunAsync("analyze", "/nonexistent/capture.pcap");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("capture.pcap", result.Stderr);
    }

    [Fact]
    public async Task Analyze_NoFile_Exits2()
    {
        var result = await CliRunner.RunAsync("analyze");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Analyze_UnknownLinkType_Exits3NamingIt()
    {
        using var dir = new TempDirectory();
        var path = dir.File("odd.pcap");
        var frame = new byte[60];
        await File.WriteAllBytesAsync(path, [.. MiniPcap.Header(linkType: 147), .. MiniPcap.Record(frame, 1_700_000_000, 0)], TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("analyze", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("147", result.Stderr);
        Assert.Contains("odd.pcap", result.Stderr);
    }

    [Fact]
    public async Task Analyze_TruncatedLastRecord_AnalysesTheRestAndWarns()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.pcap");
        var packet = Frames.IPv4Udp(0x0A000001, 0x0A000002, 1000, 2000, 100);
        using (var file = File.Create(path))
        {
            file.Write(MiniPcap.Header(linkType: 101));
            for (var i = 0; i < 10; i++)
            {
                file.Write(MiniPcap.Record(packet, 1_700_000_000, (uint)i));
            }

            file.Write(MiniPcap.Record(packet, 1_700_000_001, 0).AsSpan(0, 40));
        }

        var json = dir.File("out.json");
        var result = await CliRunner.RunAsync("analyze", path, "--json", json);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("truncated", result.Stderr);
        var document = Core.AnalysisJson.Deserialize(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
        Assert.True(document.Input.Truncated);
        Assert.Equal(10, document.Input.Packets);
    }

    [Fact]
    public async Task Analyze_AbsurdRecordLength_CountedMalformedWithoutHugeAllocation()
    {
        using var dir = new TempDirectory();
        var path = dir.File("absurd.pcap");
        var packet = Frames.IPv4Udp(0x0A000001, 0x0A000002, 1000, 2000, 100);
        await File.WriteAllBytesAsync(path,
            [.. MiniPcap.Header(linkType: 101), .. MiniPcap.Record(packet, 1_700_000_000, 0), .. MiniPcap.Record(packet, 1_700_000_000, 1, capturedLength: 0xFFFF_FFF0)],
            TestContext.Current.CancellationToken);

        var before = GC.GetTotalAllocatedBytes();
        var result = await CliRunner.RunAsync("analyze", path, "--json", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 512L << 20, "a 4 GiB length must not be allocated");
        var document = Core.AnalysisJson.Deserialize(result.Stdout)!;
        Assert.Equal(1, document.Input.Packets);
        Assert.True(document.Input.Malformed >= 1);
    }

    [Fact]
    public async Task Analyze_BadConfigKey_Exits2NamingKeyAndLine()
    {
        using var dir = new TempDirectory();
        var config = dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(config, "groups:\n  web:\n    thresholds:\n      pps: 5000\n      ppps: 7\n", TestContext.Current.CancellationToken);
        var pcap = dir.File("empty.pcap");
        await File.WriteAllBytesAsync(pcap, MiniPcap.Header(linkType: 1), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("analyze", pcap, "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 5", result.Stderr);
        Assert.Contains("ppps", result.Stderr);
        Assert.Contains("mbps", result.Stderr);
    }

    [Fact]
    public async Task Analyze_BadNetworksOption_Exits2()
    {
        using var dir = new TempDirectory();
        var pcap = dir.File("empty.pcap");
        await File.WriteAllBytesAsync(pcap, MiniPcap.Header(linkType: 1), TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("analyze", pcap, "--networks", "198.51.100.0/33");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("198.51.100.0/33", result.Stderr);
    }
}
