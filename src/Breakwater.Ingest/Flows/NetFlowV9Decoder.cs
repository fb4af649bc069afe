using System.Buffers.Binary;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Flows;

/// <summary>
/// NetFlow version 9 (RFC 3954). Templates and sampling options live in a <see cref="FlowTemplateCache"/>.
/// <code>
/// header:   0 version(2)=9  2 count(2)  4 sysUptime ms(4)  8 unix secs(4)  12 sequence(4)  16 source id(4)
/// flowset:  0 flowset id(2) (0 template, 1 options template, ≥256 data)  2 length(2) incl. this header
/// </code>
/// </summary>
public static class NetFlowV9Decoder
{
    public const int HeaderLength = FlowMessageHeader.NetFlowV9Length;

    public static FlowDecodeResult Decode<TSink>(ReadOnlySpan<byte> datagram, NetAddress exporter, long receiveNanos,
        FlowTemplateCache cache, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (datagram.Length < HeaderLength)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.DatagramTooShort);
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(datagram) != 9)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.UnsupportedVersion);
        }

        var context = new FlowHeaderContext(
            exporter,
            BinaryPrimitives.ReadUInt32BigEndian(datagram[16..]),
            (long)BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]) * 1_000_000_000,
            BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            IsIpfix: false);
        return FlowSetWalker.Walk(datagram[HeaderLength..], context, templateSetId: 0, optionsSetId: 1, receiveNanos, cache, ref sink);
    }
}
