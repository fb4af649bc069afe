using Breakwater.Ingest.Flows;
using Breakwater.TestKit.Frames;
using Breakwater.Wire;
using Breakwater.Wire.Flows;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Ingest.Tests.Flows;

/// <summary>IPFIX (RFC 7011) messages assembled by hand: enterprise and variable-length fields, withdrawal, times.</summary>
public sealed class IpfixDecoderTests
{
    private const uint ExportSeconds = 1_741_600_000;
    private static readonly NetAddress Exporter = NetAddress.Parse("2001:db8::fe");
    private static readonly long Now = ExportSeconds * 1_000_000_000L;

    private static byte[] Message(BigEndianWriter sets)
    {
        var body = sets.ToArray();
        return new BigEndianWriter().U16(10).U16(16 + body.Length).U32(ExportSeconds).U32(1).U32(77).Bytes(body).ToArray();
    }

    /// <summary>Template 300: IPv6 src/dst, an enterprise field (4 bytes), a variable-length field, protocol, dst port, packets (8), bytes (8), flowEndMilliseconds.</summary>
    private static BigEndianWriter Template300() => new BigEndianWriter()
        .U16(300).U16(9)
        .U16(27).U16(16).U16(28).U16(16)
        .U16(0x8000 | 100).U16(4).U32(29305)
        .U16(82).U16(0xFFFF)
        .U16(4).U16(1).U16(11).U16(2).U16(2).U16(8).U16(1).U16(8).U16(153).U16(8);

    private static BigEndianWriter Data300(string name) => new BigEndianWriter()
        .Ip("2001:db8:1::9").Ip("2001:db8:2::7")
        .U32(0xDEADBEEF)
        .U8(name.Length).Bytes(System.Text.Encoding.ASCII.GetBytes(name))
        .U8(17).U16(53).U64(12).U64(1200).U64((ExportSeconds - 2) * 1000UL + 250);

    [Fact]
    public void Decode_EnterpriseAndVariableFields_AreSkippedAndTheRestRead()
    {
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();

        var result = IpfixDecoder.Decode(Message(new BigEndianWriter().Set(2, Template300()).Set(300, Data300("eth0"))), Exporter, Now, cache, ref sink);

        Assert.Equal(new FlowDecodeResult(1, FlowDropReason.None), result);
        var r = sink.Records[0];
        Assert.Equal(NetAddress.Parse("2001:db8:1::9"), r.Source);
        Assert.Equal(NetAddress.Parse("2001:db8:2::7"), r.Destination);
        Assert.True(r.Has(RecordFlags.IPv6));
        Assert.Equal(17, r.Protocol);
        Assert.Equal(53, r.DestinationPort);
        Assert.Equal(12ul, r.Packets);
        Assert.Equal(1200ul, r.Bytes);
        Assert.Equal((ExportSeconds - 2) * 1_000_000_000L + 250_000_000, r.TimestampNanos);
    }

    [Fact]
    public void Decode_Withdrawal_ForgetsTheTemplate()
    {
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();
        IpfixDecoder.Decode(Message(new BigEndianWriter().Set(2, Template300())), Exporter, Now, cache, ref sink);
        Assert.Equal(1, cache.Count);

        IpfixDecoder.Decode(Message(new BigEndianWriter().Set(2, new BigEndianWriter().U16(300).U16(0))), Exporter, Now, cache, ref sink);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Decode_SamplingPacketIntervalAndSpace_GiveTheRate()
    {
        // Options template 400: scope selectorId (302, 8); samplingPacketInterval (305, 4), samplingPacketSpace (306, 4).
        var options = new BigEndianWriter().U16(400).U16(3).U16(1).U16(302).U16(8).U16(305).U16(4).U16(306).U16(4);
        var optionsData = new BigEndianWriter().U64(0).U32(1).U32(99);
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();

        IpfixDecoder.Decode(Message(new BigEndianWriter().Set(3, options).Set(400, optionsData).Set(2, Template300()).Set(300, Data300("x"))), Exporter, Now, cache, ref sink);

        Assert.Equal(100u, Assert.Single(sink.Records).SamplingRate);
    }

    [Fact]
    public void Decode_PaddingAfterRecords_IsIgnored()
    {
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();
        var data = Data300("eth0").U8(0).U8(0).U8(0);

        var result = IpfixDecoder.Decode(Message(new BigEndianWriter().Set(2, Template300()).Set(300, data)), Exporter, Now, cache, ref sink);

        Assert.Equal(new FlowDecodeResult(1, FlowDropReason.None), result);
    }

    [Fact]
    public void Decode_MessageLengthThatLies_IsCountedAndBounded()
    {
        var message = Message(new BigEndianWriter().Set(2, Template300()));
        message[2] = 0xFF;
        message[3] = 0xFF;
        var sink = new CollectingSink();

        var result = IpfixDecoder.Decode(message, Exporter, Now, new FlowTemplateCache(), ref sink);

        Assert.Equal(FlowDropReason.CountMismatch, result.Drop);
    }
}
