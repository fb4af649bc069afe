using Breakwater.TestKit.Captures;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Breakwater.IntegrationTests.Support;
using Breakwater.Wire;
using Breakwater.Ingest.Flows;
using Breakwater.Wire.Flows;
using Breakwater.TestKit.Sinks;

namespace Breakwater.IntegrationTests.Flows;

/// <summary>
/// NetFlow v5/v9 and IPFIX against the reference tools: what our exporters send, nfcapd/nfdump read back the same;
/// what softflowd exports from a capture, our decoders sum per destination exactly as nfdump does.
/// </summary>
public sealed class NfdumpPeerTests
{
    private static readonly NetAddress[] Destinations =
        [NetAddress.Parse("198.51.100.7"), NetAddress.Parse("198.51.100.8"), NetAddress.Parse("203.0.113.10"), NetAddress.Parse("2001:db8:1::7")];

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    public async Task OurExport_ReadByNfdump_GivesTheSameFlows(int version)
    {
        Assert.SkipUnless(PeerProcess.IsInstalled("nfcapd"), "nfdump is not installed");
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var flows = Destinations
            .Where(d => version != 5 || d.IsIPv4)
            .Select((d, i) => new FlowExportRecord
            {
                Source = d.IsIPv4 ? NetAddress.Parse($"192.0.2.{i + 1}") : NetAddress.Parse($"2001:db8::{i + 1}"),
                Destination = d, SourcePort = (ushort)(1000 + i), DestinationPort = 80, Protocol = 6, TcpFlags = TcpFlags.Syn,
                Packets = (ulong)(100 * (i + 1)), Bytes = (ulong)(6000 * (i + 1)), FirstMs = now - 2000, LastMs = now - 1000,
            })
            .ToArray();
        var buffer = new byte[1500];
        var length = version switch
        {
            5 => NetFlowV5Encoder.Write(buffer, flows, now, now - 60_000, 1, 1, out _),
            _ => new TemplateFlowEncoder(version == 10, 3).Write(buffer, flows, now, now - 60_000, 1, 1, includeTemplates: true, out _),
        };

        var rows = await ThroughNfcapdAsync(async port =>
        {
            using var client = new UdpClient(AddressFamily.InterNetwork);
            await client.SendAsync(buffer.AsMemory(0, length), new IPEndPoint(IPAddress.Loopback, port), ct);
        }, ct);

        Assert.Equal(flows.Length, rows.Count);
        foreach (var flow in flows)
        {
            Assert.Contains((flow.Destination.ToString(), (long)flow.Packets, (long)flow.Bytes), rows);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    public async Task SoftflowdExport_OurDecoderSumsPerDestinationLikeNfdump(int version)
    {
        Assert.SkipUnless(PeerProcess.IsInstalled("softflowd") && PeerProcess.IsInstalled("nfcapd"), "softflowd or nfdump is not installed");
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var pcap = dir.File("mix.pcap");
        WriteMixedCapture(pcap, includeIPv6: version != 5);

        // Ours: a plain UDP receiver feeding the decoders.
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var ourPort = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        var ours = new Dictionary<NetAddress, (long Packets, long Bytes)>();
        var cache = new FlowTemplateCache();
        await PeerProcess.RunAsync("softflowd", ct, "-r", pcap, "-n", $"127.0.0.1:{ourPort}", "-v", version.ToString(CultureInfo.InvariantCulture));
        while (receiver.Available > 0 || await WaitForDataAsync(receiver, ct))
        {
            var datagram = await receiver.ReceiveAsync(ct);
            var sink = new DestinationTotalsSink(ours);
            var exporter = NetAddress.FromIPAddress(datagram.RemoteEndPoint.Address);
            _ = version switch
            {
                5 => NetFlowV5Decoder.Decode(datagram.Buffer, ref sink),
                9 => NetFlowV9Decoder.Decode(datagram.Buffer, exporter, 0, cache, ref sink),
                _ => IpfixDecoder.Decode(datagram.Buffer, exporter, 0, cache, ref sink),
            };
        }

        // The reference: the same capture through softflowd into nfcapd, summarised by nfdump.
        var rows = await ThroughNfcapdAsync(
            port => PeerProcess.RunAsync("softflowd", ct, "-r", pcap, "-n", $"127.0.0.1:{port}", "-v", version.ToString(CultureInfo.InvariantCulture)),
            ct);
        var reference = rows.GroupBy(r => r.Destination).ToDictionary(g => g.Key, g => (g.Sum(r => r.Packets), g.Sum(r => r.Bytes)));

        Assert.NotEmpty(reference);
        Assert.Equal(reference.OrderBy(p => p.Key), ours.ToDictionary(p => p.Key.ToString(), p => p.Value).OrderBy(p => p.Key));
    }

    private static async Task<bool> WaitForDataAsync(UdpClient receiver, CancellationToken ct)
    {
        for (var i = 0; i < 20 && receiver.Available == 0; i++)
        {
            await Task.Delay(25, ct);
        }

        return receiver.Available > 0;
    }

    /// <summary>Starts nfcapd on a free port, lets <paramref name="send"/> export to it, stops it and reads the flows with nfdump.</summary>
    private static async Task<List<(string Destination, long Packets, long Bytes)>> ThroughNfcapdAsync(Func<int, Task> send, CancellationToken ct)
    {
        using var dir = new TempDirectory();
        var port = PeerProcess.FreeUdpPort();
        using (var nfcapd = PeerProcess.Start("nfcapd", "-p", port.ToString(CultureInfo.InvariantCulture), "-b", "127.0.0.1", "-w", dir.Path, "-t", "3600"))
        {
            await Task.Delay(500, ct);
            await send(port);
            await Task.Delay(500, ct);
            await nfcapd.StopAsync();
        }

        var output = await PeerProcess.RunAsync("nfdump", ct, "-R", dir.Path, "-q", "-6", "-N", "-o", "fmt:%da,%pkt,%byt");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 3)
            .Select(parts => (NetAddress.Parse(parts[0]).ToString(), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>TCP and UDP to four destinations (one IPv6), several flows each, over two seconds.</summary>
    private static void WriteMixedCapture(string path, bool includeIPv6)
    {
        using var file = File.Create(path);
        file.Write(MiniPcap.Header(linkType: 1));
        var random = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            var micros = (uint)(i * 700);
            var which = random.Next(includeIPv6 ? 4 : 3);
            var source = 0xC0000200u + (uint)random.Next(1, 40);
            var packet = which switch
            {
                0 => Frames.IPv4Tcp(source, 0xC6336407, (ushort)random.Next(1024, 1100), 80, 0x02, 65535),
                1 => Frames.IPv4Udp(source, 0xC6336408, 123, (ushort)random.Next(1024, 1100), 468),
                2 => Frames.IPv4Udp(source, 0xCB00710A, (ushort)random.Next(1024, 1100), 53, random.Next(20, 60)),
                _ => Frames.IPv6Udp(IPAddress.Parse("2001:db8::9").GetAddressBytes(), Destinations[3].ToIPAddress().GetAddressBytes(), 5000, 443, 1200),
            };
            file.Write(MiniPcap.Record(Frames.Ethernet(packet, (packet[0] >> 4) == 6 ? (ushort)0x86DD : (ushort)0x0800), 1_741_600_000 + (micros / 1_000_000), micros % 1_000_000));
        }
    }
}
