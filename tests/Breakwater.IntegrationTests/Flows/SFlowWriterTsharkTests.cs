using Breakwater.TestKit.Captures;
using System.Globalization;
using Breakwater.IntegrationTests.Support;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.IntegrationTests.Flows;

/// <summary>The sFlow datagrams of <c>simulate --export sflow</c>, decoded by tshark (the independent reference).</summary>
public sealed class SFlowWriterTsharkTests
{
    [Fact]
    public async Task SFlowWriter_Datagram_IsDecodedByTsharkWithEveryField()
    {
        Assert.SkipUnless(PeerProcess.IsInstalled("tshark"), "tshark is not installed");
        var ct = TestContext.Current.CancellationToken;
        var buffer = new byte[1400];
        var writer = new SFlowDatagramWriter(buffer, NetAddress.Parse("192.0.2.254"), 0, 42, 123_456);
        var targets = new[] { 0xC6336407u, 0xCB00710Au, 0xC6336408u };
        for (var i = 0; i < targets.Length; i++)
        {
            var frame = Frames.Ethernet(Frames.IPv4Udp(0xC0000201, targets[i], 123, 40000, 440));
            Assert.True(writer.TryAddFlowSample((uint)i, 3, 1024, (uint)(1024 * (i + 1)), 0, 3, 4, frame, (uint)frame.Length + 4));
        }

        var length = writer.Finish();
        using var dir = new TempDirectory();
        var pcap = dir.File("sflow.pcap");
        await File.WriteAllBytesAsync(pcap,
            [.. MiniPcap.Header(linkType: 101), .. MiniPcap.Record(Frames.IPv4Udp(0xC00002FE, 0x7F000001, 50000, 6343, length).AsSpan(0, 28).ToArray().Concat(buffer[..length]).ToArray(), 1_741_600_000, 0)],
            ct);

        var output = await PeerProcess.RunAsync("tshark", ct, "-r", pcap, "-T", "fields", "-E", "separator=|", "-e", "sflow_245.agent", "-e", "sflow_245.sequence_number",
            "-e", "sflow_245.numsamples", "-e", "sflow.flow_sample.sampling_rate", "-e", "sflow_245.header.frame_length", "-e", "ip.dst", "-e", "_ws.malformed");
        var fields = output.Trim().Split('|');

        Assert.Equal("192.0.2.254", fields[0]);
        Assert.Equal("42", fields[1]);
        Assert.Equal("3", fields[2]);
        Assert.Equal("1024,1024,1024", fields[3]);
        Assert.Equal(string.Join(',', Enumerable.Repeat((14 + 28 + 440 + 4).ToString(CultureInfo.InvariantCulture), 3)), fields[4]);
        Assert.Equal("127.0.0.1,198.51.100.7,203.0.113.10,198.51.100.8", fields[5]);
        Assert.Equal("", fields[6]);
    }
}
