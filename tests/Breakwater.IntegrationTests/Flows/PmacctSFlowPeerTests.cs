using Breakwater.TestKit.Captures;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Breakwater.IntegrationTests.Support;
using Breakwater.Wire;
using Breakwater.Wire.Flows;
using Breakwater.TestKit.Sinks;

namespace Breakwater.IntegrationTests.Flows;

/// <summary>
/// sFlow v5 from a real agent: pmacctd's sfprobe plugin samples a capture and exports to our decoder; per-destination
/// totals must match tshark's count of the same capture (exactly at 1:1, within sampling error at 1:N).
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class PmacctSFlowPeerTests
{
    private const int Packets = 6000;

    // pmacctd keeps its last partly filled datagram until more traffic comes: a tail of filler packets to another
    // destination pushes every real sample out. The filler destination is left out of the comparison.
    private const int FillerPackets = 2000;
    private const uint FillerDestination = 0xC0000263; // 192.0.2.99

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public async Task SfprobeExport_PerDestinationTotals_MatchTshark(int samplingRate)
    {
        Assert.SkipUnless(PeerProcess.IsInstalled("pmacctd") && PeerProcess.IsInstalled("tshark"), "pmacct or tshark is not installed");
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var pcap = dir.File("in.pcap");
        WriteCapture(pcap);
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.Client.ReceiveBufferSize = 8 << 20;
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var config = dir.File("pmacctd.conf");
        await File.WriteAllTextAsync(config, $"""
            daemonize: false
            pcap_savefile: {pcap}
            pcap_savefile_wait: true
            plugins: sfprobe
            sfprobe_receiver: 127.0.0.1:{port}
            sfprobe_agentip: 127.0.0.1
            sampling_rate: {samplingRate}
            plugin_pipe_size: 262144000
            plugin_buffer_size: 65536
            """, ct);

        var ours = new Dictionary<NetAddress, (long Packets, long Bytes)>();
        using (var pmacctd = PeerProcess.Start("pmacctd", "-f", config))
        {
            var quietSince = DateTime.UtcNow;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && (ours.Count == 0 || DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(2)))
            {
                if (receiver.Available == 0)
                {
                    await Task.Delay(20, ct);
                    continue;
                }

                var datagram = await receiver.ReceiveAsync(ct);
                var sink = new DestinationTotalsSink(ours);
                SFlowV5Decoder.Decode(datagram.Buffer, 0, ref sink, out _);
                quietSince = DateTime.UtcNow;
            }

            // Killed, not stopped: on a clean shutdown pmacctd re-sends part of its buffer as new samples.
        }

        ours.Remove(NetAddress.FromV4(FillerDestination));
        var tshark = await PeerProcess.RunAsync("tshark", ct, "-r", pcap, "-Y", "ip.dst != 192.0.2.99", "-T", "fields", "-e", "ip.dst", "-e", "ip.len");
        var reference = tshark.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => (Packets: (long)g.Count(), Bytes: g.Sum(f => long.Parse(f[1], CultureInfo.InvariantCulture))));

        Assert.Equal(reference.Keys.Order(), ours.Keys.Select(k => k.ToString()).Order());
        foreach (var (destination, (packets, bytes)) in ours)
        {
            var expected = reference[destination.ToString()];
            if (samplingRate == 1)
            {
                Assert.Equal(expected, (packets, bytes));
            }
            else
            {
                // n samples of p = 1/N: the estimate's standard error is sqrt(n·N·(N−1)); allow four of them.
                var tolerance = 4 * Math.Sqrt(expected.Packets * (samplingRate - 1.0));
                Assert.InRange(packets, expected.Packets - tolerance, expected.Packets + tolerance);
            }
        }
    }

    /// <summary>UDP to three destinations with varied sizes, then the filler tail.</summary>
    private static void WriteCapture(string path)
    {
        using var file = File.Create(path);
        file.Write(MiniPcap.Header(linkType: 1));
        for (var i = 0; i < Packets + FillerPackets; i++)
        {
            var destination = i >= Packets ? FillerDestination : (i % 3) switch { 0 => 0xC6336407u, 1 => 0xC6336408u, _ => 0xCB00710Au };
            var packet = Frames.IPv4Udp(0xC0000201u + (uint)(i % 20), destination, (ushort)(1000 + (i % 50)), 53, 100 + (i % 5 * 50));
            var micros = (uint)(i * 300);
            file.Write(MiniPcap.Record(Frames.Ethernet(packet), 1_741_600_000 + (micros / 1_000_000), micros % 1_000_000));
        }
    }
}
