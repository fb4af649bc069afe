using Breakwater.Wire.Flows;
using Breakwater.TestKit.Frames;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Wire.Tests.Flows;

/// <summary>NetFlow v5 datagrams assembled by hand from the Cisco record layout.</summary>
public sealed class NetFlowV5DecoderTests
{
    private const uint ExportSeconds = 1_741_600_000;

    internal static byte[] Datagram(int declaredCount, int samplingField, params (string Src, string Dst, uint Packets, uint Bytes, int Proto, int DstPort, int Flags, uint LastMs)[] flows)
    {
        var w = new BigEndianWriter().U16(5).U16(declaredCount).U32(100_000).U32(ExportSeconds).U32(500_000_000).U32(7).U8(0).U8(0).U16(samplingField);
        foreach (var f in flows)
        {
            w.Ip(f.Src).Ip(f.Dst).Ip("0.0.0.0").U16(1).U16(2).U32(f.Packets).U32(f.Bytes).U32(f.LastMs - 500).U32(f.LastMs)
                .U16(40000).U16(f.DstPort).U8(0).U8(f.Flags).U8(f.Proto).U8(0).U16(0).U16(0).U8(24).U8(24).U16(0);
        }

        return w.ToArray();
    }

    [Fact]
    public void Decode_TwoRecords_FillsAddressesCountersPortsAndTime()
    {
        var datagram = Datagram(2, 0, ("192.0.2.1", "198.51.100.7", 10, 600, 6, 80, 0x02, 99_000), ("192.0.2.2", "198.51.100.8", 3, 300, 17, 53, 0, 100_000));
        var sink = new CollectingSink();

        var result = NetFlowV5Decoder.Decode(datagram, ref sink);

        Assert.Equal(new FlowDecodeResult(2, FlowDropReason.None), result);
        var first = sink.Records[0];
        Assert.Equal(NetAddress.Parse("192.0.2.1"), first.Source);
        Assert.Equal(NetAddress.Parse("198.51.100.7"), first.Destination);
        Assert.Equal(10ul, first.Packets);
        Assert.Equal(600ul, first.Bytes);
        Assert.Equal(6, first.Protocol);
        Assert.Equal(TcpFlags.Syn, first.TcpFlags);
        Assert.Equal(80, first.DestinationPort);
        Assert.Equal(40000, first.SourcePort);
        Assert.Equal(1u, first.SamplingRate);
        // Last = 99,000 ms uptime, header uptime 100,000 ms at export 1741600000.5 s → 1741599999.5 s.
        Assert.Equal((ExportSeconds - 1) * 1_000_000_000L + 500_000_000, first.TimestampNanos);
        Assert.True(first.Has(RecordFlags.FromFlow));
    }

    [Fact]
    public void Decode_SamplingIntervalField_ScalesRecords()
    {
        var datagram = Datagram(1, (1 << 14) | 100, ("192.0.2.1", "198.51.100.7", 2, 120, 17, 123, 0, 100_000));
        var sink = new CollectingSink();

        NetFlowV5Decoder.Decode(datagram, ref sink);

        Assert.Equal(100u, sink.Records[0].SamplingRate);
        Assert.Equal(200ul, sink.Records[0].ScaledPackets);
    }

    [Fact]
    public void Decode_CountThatLies_DecodesWhatIsThereAndReportsMismatch()
    {
        var datagram = Datagram(30, 0, ("192.0.2.1", "198.51.100.7", 1, 60, 6, 80, 0x10, 100_000));
        var sink = new CollectingSink();

        var result = NetFlowV5Decoder.Decode(datagram, ref sink);

        Assert.Equal(1, result.Records);
        Assert.Equal(FlowDropReason.CountMismatch, result.Drop);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(23)]
    public void Decode_ShortDatagram_IsDroppedNotThrown(int length)
    {
        var sink = new CollectingSink();

        var result = NetFlowV5Decoder.Decode(new byte[length], ref sink);

        Assert.Equal(FlowDropReason.DatagramTooShort, result.Drop);
        Assert.Empty(sink.Records);
    }
}
