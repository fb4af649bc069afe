using System.Globalization;
using Breakwater.Ingest;
using Breakwater.TestKit.Captures;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Wire.Tests.Golden;

/// <summary>
/// Every packet of the reference captures, decoded by <see cref="CaptureFileReader"/> and <see cref="PacketDecoder"/>,
/// matches what tshark (the reference decoder) reports for it.
/// </summary>
/// <remarks>
/// The captures are crafted by <c>Captures/make-captures.py</c> (scapy, editcap, gzip) and the goldens
/// (<c>Captures/*.tsv</c>) are written by <c>Captures/make-goldens.sh</c>, which runs
/// <c>tshark -T fields</c> with <see cref="Fields"/>, reassembly off. Both are committed; to add a case, edit the
/// Python script and rerun both. <see cref="Goldens_AreTsharkOutput"/> re-runs tshark to prove the goldens are its output.
/// </remarks>
public sealed class GoldenCaptureTests
{
    public static readonly string[] Fields =
    [
        "frame.number", "frame.time_epoch", "frame.len", "frame.protocols", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto",
        "ip.len", "ip.id", "ip.ttl", "ip.hdr_len", "ip.flags.mf", "ip.frag_offset", "ipv6.plen", "ipv6.hlim", "ipv6.fraghdr.offset",
        "ipv6.fraghdr.ident", "ipv6.fraghdr.nxt", "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.window_size_value", "tcp.hdr_len",
        "tcp.len", "udp.srcport", "udp.dstport", "udp.length", "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code", "gre.proto",
        "sctp.srcport", "sctp.dstport", "ipv6.fraghdr.more",
    ];

    public static TheoryData<string> Captures =>
    [
        "ethernet.pcap", "isp.pcap", "ethernet-ns.pcap", "ethernet.pcapng", "ethernet-ns.pcapng", "ethernet.pcap.gz", "ethernet-gzip.bin",
        "sll.pcap", "sll2.pcap", "sll2.pcapng", "sections.pcapng", "raw.pcap", "ipv4.pcap", "ipv6.pcap", "null.pcap", "loop.pcap",
        "truncated.pcap",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Read_ReferenceCapture_MatchesTshark(string capture)
    {
        using var reader = CaptureFileReader.Open(CaptureFiles.PathOf(capture));
        var decoded = CaptureFiles.ReadAll(reader);

        AssertMatchesGolden(decoded, Golden(capture));
        Assert.False(reader.Stats.Truncated);
        Assert.Equal(decoded.Count, reader.Stats.Packets);
        Assert.Equal(decoded.Sum(p => (long)p.FrameLength), reader.Stats.Bytes);
    }

    [Fact]
    public void Read_BigEndianPcap_MatchesTshark()
    {
        var bigEndian = PcapFileBuilder.ToBigEndian(CaptureFiles.Bytes("ethernet.pcap"));

        AssertMatchesGolden(CaptureFiles.ReadAll(bigEndian), Golden("ethernet.pcap"));
    }

    [Fact]
    public void Goldens_AreTsharkOutput()
    {
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");

        foreach (var capture in new[] { "ethernet.pcap", "sections.pcapng", "truncated.pcap" })
        {
            var live = Tshark.Fields(CaptureFiles.PathOf(capture), Fields);
            var stored = Golden(capture);
            Assert.Equal(stored.Count, live.Count);
            for (var i = 0; i < live.Count; i++)
            {
                Assert.Equal(stored[i].OrderBy(p => p.Key), live[i].OrderBy(p => p.Key));
            }
        }
    }

    private static List<IReadOnlyDictionary<string, string>> Golden(string capture) =>
        [.. Tshark.Parse(File.ReadAllText(CaptureFiles.PathOf(capture + ".tsv")), Fields)];

    private static void AssertMatchesGolden(List<DecodedPacket> decoded, List<IReadOnlyDictionary<string, string>> golden)
    {
        Assert.NotEmpty(golden);
        Assert.Equal(golden.Count, decoded.Count);
        for (var i = 0; i < golden.Count; i++)
        {
            var row = new GoldenRow(golden[i]);
            try
            {
                AssertPacket(row, decoded[i]);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"frame {row.Number} ({row.Raw("frame.protocols")}): {e.Message}");
            }
        }
    }

    private static void AssertPacket(GoldenRow row, DecodedPacket packet)
    {
        var epoch = decimal.Parse(row.Raw("frame.time_epoch"), CultureInfo.InvariantCulture);
        Assert.Equal((long)(epoch * 1_000_000_000m), packet.TimestampNanos);
        Assert.Equal(row.Number64("frame.len"), packet.FrameLength);
        if (!row.IsIp)
        {
            Assert.Equal(MalformedReason.NotIp, packet.Reason);
            return;
        }

        Assert.Equal(MalformedReason.None, packet.Reason);
        var r = packet.Record;
        Assert.Equal(1UL, r.Packets);
        Assert.Equal(1U, r.SamplingRate);
        if (row.OuterFamily == "ip")
        {
            AssertIPv4(row, r);
        }
        else
        {
            AssertIPv6(row, r);
        }

        if (row.IsGre)
        {
            AssertGre(row, r);
        }
        else
        {
            AssertTransport(row, r);
        }
    }

    private static void AssertIPv4(GoldenRow row, TrafficRecord r)
    {
        Assert.False(r.Has(RecordFlags.IPv6));
        Assert.Equal(NetAddress.Parse(row.Value("ip.src")!), r.Source);
        Assert.Equal(NetAddress.Parse(row.Value("ip.dst")!), r.Destination);
        Assert.Equal(row.Number64("ip.proto"), r.Protocol);
        Assert.Equal(row.Number64("ip.len"), (long)r.Bytes);
        Assert.Equal(row.Number64("ip.id"), r.IpId);
        Assert.Equal(row.Number64("ip.ttl"), r.Ttl);
        Assert.Equal(row.Number64("ip.hdr_len") > 20, r.Has(RecordFlags.IpOptions));
        var later = row.Number64("ip.frag_offset") != 0;
        Assert.Equal(later || row.Number64("ip.flags.mf") == 1, r.Has(RecordFlags.Fragment));
        Assert.Equal(later, r.Has(RecordFlags.LaterFragment));
        if (later)
        {
            Assert.Equal(row.Number64("ip.len") - row.Number64("ip.hdr_len"), r.PayloadLength);
        }
    }

    private static void AssertIPv6(GoldenRow row, TrafficRecord r)
    {
        Assert.True(r.Has(RecordFlags.IPv6));
        Assert.Equal(NetAddress.Parse(row.Value("ipv6.src")!), r.Source);
        Assert.Equal(NetAddress.Parse(row.Value("ipv6.dst")!), r.Destination);
        Assert.Equal(40 + row.Number64("ipv6.plen"), (long)r.Bytes);
        Assert.Equal(row.Number64("ipv6.hlim"), r.Ttl);
        var upper = row.IPv6UpperProtocol(inner: false);
        if (upper is { } protocol)
        {
            Assert.Equal(protocol, r.Protocol);
        }
        else
        {
            // tshark stopped inside the extension-header chain: the snap length cut it.
            Assert.True(r.Has(RecordFlags.TransportTruncated));
        }

        var fragmentOffset = row.Optional("ipv6.fraghdr.offset");
        Assert.Equal(fragmentOffset is > 0 || row.Number64("ipv6.fraghdr.more") == 1, r.Has(RecordFlags.Fragment));
        Assert.Equal(fragmentOffset is > 0, r.Has(RecordFlags.LaterFragment));
        Assert.Equal((ushort)row.Number64("ipv6.fraghdr.ident"), r.IpId);
    }

    private static void AssertTransport(GoldenRow row, TrafficRecord r)
    {
        Assert.Equal(row.Number64("tcp.srcport") + row.Number64("udp.srcport") + row.Number64("sctp.srcport"), r.SourcePort);
        Assert.Equal(row.Number64("tcp.dstport") + row.Number64("udp.dstport") + row.Number64("sctp.dstport"), r.DestinationPort);
        Assert.Equal(row.Number64("tcp.flags"), (long)r.TcpFlags);
        Assert.Equal(row.Number64("tcp.window_size_value"), r.TcpWindow);
        if (row.Optional("tcp.hdr_len") is { } tcpHeader)
        {
            Assert.Equal(tcpHeader - 20, r.TcpOptionsLength);
        }

        if (row.Optional("tcp.len") is { } tcpPayload)
        {
            Assert.Equal(tcpPayload, r.PayloadLength);
        }

        if (row.Optional("udp.length") is { } udpLength && !r.Has(RecordFlags.Fragment))
        {
            Assert.Equal(udpLength - 8, r.PayloadLength);
        }

        Assert.Equal(row.Number64("icmp.type") + row.Number64("icmpv6.type"), r.IcmpType);
        Assert.Equal(row.Number64("icmp.code") + row.Number64("icmpv6.code"), r.IcmpCode);
    }

    private static void AssertGre(GoldenRow row, TrafficRecord r)
    {
        Assert.Equal(47, r.Protocol);
        Assert.Equal(0, r.SourcePort);
        Assert.Equal(0, r.DestinationPort);
        var expectedKind = row.Number64("gre.proto") switch
        {
            0x0800 => GreInnerKind.IPv4,
            0x86DD => GreInnerKind.IPv6,
            0x6558 => GreInnerKind.Ethernet,
            _ => GreInnerKind.Other,
        };
        Assert.Equal(expectedKind, r.InnerKind);
        // tshark names a layer even when the snap length left none of its fields; the decoder needs the header.
        var inner = row.InnerFamily;
        if (inner is not null && row.Value(inner + ".dst", row.IndexOf(inner, inner: true)) is null)
        {
            inner = null;
        }

        Assert.Equal(inner is not null, r.Has(RecordFlags.GreInnerDecoded));
        if (inner == "ip")
        {
            var index = row.IndexOf("ip", inner: true);
            Assert.Equal(NetAddress.Parse(row.Value("ip.dst", index)!), r.InnerDestination);
            Assert.Equal(row.Number64("ip.proto", index), r.InnerProtocol);
        }
        else if (inner == "ipv6")
        {
            var index = row.IndexOf("ipv6", inner: true);
            Assert.Equal(NetAddress.Parse(row.Value("ipv6.dst", index)!), r.InnerDestination);
            Assert.Equal(row.IPv6UpperProtocol(inner: true), r.InnerProtocol);
        }

        Assert.Equal(row.Number64("tcp.srcport") + row.Number64("udp.srcport"), r.InnerSourcePort);
        Assert.Equal(row.Number64("tcp.dstport") + row.Number64("udp.dstport"), r.InnerDestinationPort);
    }
}
