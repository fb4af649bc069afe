using Breakwater.Ingest;
using Breakwater.Wire;
using Breakwater.TestKit.Captures;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Ingest.Tests.Reading;

/// <summary>Format details: byte orders, timestamp units, sections, block kinds, statistics and progress.</summary>
public sealed class CaptureFileReaderTests
{
    private static readonly byte[] s_udp = Frames.IPv4Udp(0xC0000201, 0xC6336407, 1000, 53, 20);

    [Fact]
    public void Read_NanosecondPcap_KeepsNanoseconds()
    {
        var pcap = new PcapFileBuilder(linkType: 101, nanosecond: true).Add(s_udp, 1_741_615_200_123_456_789).ToArray();

        var packet = Assert.Single(CaptureFiles.ReadAll(pcap));

        Assert.Equal(1_741_615_200_123_456_789, packet.TimestampNanos);
    }

    [Fact]
    public void Read_BigEndianNanosecondPcap_SameAsLittleEndian()
    {
        var little = new PcapFileBuilder(linkType: 101, nanosecond: true).Add(s_udp, 1_741_615_200_123_456_789).Add(s_udp, 1_741_615_201_000_000_001);
        var big = new PcapFileBuilder(linkType: 101, bigEndian: true, nanosecond: true).Add(s_udp, 1_741_615_200_123_456_789).Add(s_udp, 1_741_615_201_000_000_001);

        Assert.Equal(
            CaptureFiles.ReadAll(little.ToArray()).Select(p => (p.TimestampNanos, p.Record.Destination, p.Record.Bytes)),
            CaptureFiles.ReadAll(big.ToArray()).Select(p => (p.TimestampNanos, p.Record.Destination, p.Record.Bytes)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_PcapngBothByteOrders_PacketsAndTimes(bool bigEndian)
    {
        var pcapng = new PcapngFileBuilder().Section(bigEndian).Interface(101).Enhanced(0, 1_741_615_200_000_001, s_udp).ToArray();

        using var reader = CaptureFileReader.Open(pcapng, "x.pcapng");
        var packet = Assert.Single(CaptureFiles.ReadAll(reader));

        Assert.Equal(CaptureFormat.Pcapng, reader.Format);
        Assert.Equal(1_741_615_200_000_001_000, packet.TimestampNanos);
        Assert.Equal(NetAddress.Parse("198.51.100.7"), packet.Record.Destination);
    }

    [Theory]
    [InlineData((byte)9, 1_741_615_200_123_456_789UL, 1_741_615_200_123_456_789L)]
    [InlineData((byte)3, 1_741_615_200_123UL, 1_741_615_200_123_000_000L)]
    [InlineData((byte)0x8A, (1_741_615_200UL << 10) + 512, 1_741_615_200_500_000_000L)]
    [InlineData((byte)0x80, 1_741_615_200UL, 1_741_615_200_000_000_000L)]
    public void Read_PcapngTimestampResolution_PowersOfTenAndTwo(byte resolution, ulong timestamp, long nanos)
    {
        var pcapng = new PcapngFileBuilder().Section().Interface(101, timestampResolution: resolution).Enhanced(0, timestamp, s_udp).ToArray();

        var packet = Assert.Single(CaptureFiles.ReadAll(pcapng, "x.pcapng"));

        Assert.Equal(nanos, packet.TimestampNanos);
    }

    [Fact]
    public void Read_PcapngSecondSection_ResetsInterfacesAndByteOrder()
    {
        var ethernet = Frames.Ethernet(s_udp);
        var pcapng = new PcapngFileBuilder()
            .Section().Interface(101).Interface(1).Enhanced(1, 10, ethernet)
            .Section(bigEndian: true).Interface(1).Enhanced(0, 20, ethernet).Enhanced(1, 30, ethernet)
            .ToArray();

        var packets = CaptureFiles.ReadAll(pcapng, "x.pcapng");

        Assert.Equal([MalformedReason.None, MalformedReason.None, MalformedReason.UnsupportedLinkType], packets.Select(p => p.Reason));
    }

    [Fact]
    public void Read_PcapngSimplePacket_UsesInterfaceZeroLinkTypeAndSnapLength()
    {
        var frame = Frames.Ethernet(Frames.IPv4Tcp(0x0A000001, 0x0A000002, 1, 80, 0x02, optionsLength: 20));
        var pcapng = new PcapngFileBuilder().Section().Interface(1, snapLength: 40).Enhanced(0, 5_000_000, frame).Simple(frame).ToArray();

        var packets = CaptureFiles.ReadAll(pcapng, "x.pcapng");

        Assert.Equal(2, packets.Count);
        var simple = packets[1];
        Assert.Equal(MalformedReason.None, simple.Reason);
        Assert.Equal((uint)frame.Length, simple.FrameLength);
        Assert.Equal(80, simple.Record.DestinationPort);
        Assert.Equal(TcpFlags.None, simple.Record.TcpFlags);
        Assert.True(simple.Record.Has(RecordFlags.TransportTruncated));
        Assert.Equal(packets[0].TimestampNanos, simple.TimestampNanos);
    }

    [Fact]
    public void Read_PcapngObsoleteAndUnknownBlocks_Skipped()
    {
        var pcapng = new PcapngFileBuilder().Section().Interface(101)
            .Block(PcapngFile.ObsoletePacketType, new byte[40])
            .Block(0x0000_0005, new byte[12])
            .Block(0x4000_0BAD, [1, 2, 3])
            .Enhanced(0, 1, s_udp)
            .ToArray();

        using var reader = CaptureFileReader.Open(pcapng, "x.pcapng");
        var packets = CaptureFiles.ReadAll(reader);

        Assert.Single(packets);
        Assert.False(reader.Stats.Truncated);
        Assert.Equal(0, reader.Stats.Malformed);
    }

    [Fact]
    public void Read_MixedFile_StatsCountPacketsBytesTimesAndNonIp()
    {
        var arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        var pcap = new PcapFileBuilder()
            .Add(Frames.Ethernet(s_udp), 2_000_000_000)
            .Add(arp, 1_000_000_000)
            .Add(Frames.Ethernet(s_udp), 3_000_000_000, originalLength: 1514)
            .Add(new byte[10], 4_000_000_000)
            .ToArray();

        using var reader = CaptureFileReader.Open(pcap);
        var sink = new CountingSink();
        while (reader.Read(ref sink, maxPackets: 1))
        {
        }

        var stats = reader.Stats;
        Assert.Equal(4, stats.Packets);
        Assert.Equal(Frames.Ethernet(s_udp).Length + 42 + 1514 + 10, stats.Bytes);
        Assert.Equal(1_000_000_000, stats.FirstNanos);
        Assert.Equal(4_000_000_000, stats.LastNanos);
        Assert.Equal(1, stats.NonIp);
        Assert.Equal(1, stats.Malformed);
        Assert.Equal(1, stats.MalformedFor(MalformedReason.LinkHeaderTruncated));
        Assert.Equal(2, sink.Records);
        Assert.Equal(2, sink.Malformed);
    }

    [Fact]
    public void Read_MaxPackets_ReturnsTrueUntilEndOfFile()
    {
        var builder = new PcapFileBuilder(linkType: 101);
        for (var i = 0; i < 10; i++)
        {
            builder.Add(s_udp, i);
        }

        using var reader = CaptureFileReader.Open(builder.ToArray());
        var sink = new CountingSink();

        Assert.True(reader.Read(ref sink, 4));
        Assert.Equal(4, sink.Records);
        Assert.True(reader.Read(ref sink, 4));
        Assert.False(reader.Read(ref sink, 4));
        Assert.Equal(10, sink.Records);
        Assert.False(reader.Read(ref sink, 4));
    }

    [Theory]
    [InlineData("ethernet.pcap")]
    [InlineData("ethernet.pcap.gz")]
    public void Read_ToTheEnd_PositionReachesLength(string capture)
    {
        using var reader = CaptureFileReader.Open(CaptureFiles.PathOf(capture));
        Assert.Equal(new FileInfo(CaptureFiles.PathOf(capture)).Length, reader.Length);

        CaptureFiles.ReadAll(reader);

        Assert.Equal(reader.Length, reader.Position);
    }
}
