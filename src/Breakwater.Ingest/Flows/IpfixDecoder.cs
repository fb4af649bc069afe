using System.Buffers.Binary;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Flows;

/// <summary>
/// IPFIX (RFC 7011) over UDP. Templates, withdrawals and sampling options live in a <see cref="FlowTemplateCache"/>.
/// <code>
/// header:  0 version(2)=10  2 length(2)  4 export time s(4)  8 sequence(4)  12 observation domain(4)
/// set:     0 set id(2) (2 template, 3 options template, ≥256 data)  2 length(2) incl. this header
/// </code>
/// </summary>
public static class IpfixDecoder
{
    public const int HeaderLength = FlowMessageHeader.IpfixLength;

    public static FlowDecodeResult Decode<TSink>(ReadOnlySpan<byte> datagram, NetAddress exporter, long receiveNanos,
        FlowTemplateCache cache, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (datagram.Length < HeaderLength)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.DatagramTooShort);
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(datagram) != 10)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.UnsupportedVersion);
        }

        // The message length bounds the sets; a lying length is trusted only down to what arrived.
        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        var drop = FlowDropReason.None;
        if (length < HeaderLength || length > datagram.Length)
        {
            drop = FlowDropReason.CountMismatch;
            length = datagram.Length;
        }

        var context = new FlowHeaderContext(
            exporter,
            BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]),
            (long)BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) * 1_000_000_000,
            0,
            IsIpfix: true);
        var result = FlowSetWalker.Walk(datagram[HeaderLength..length], context, templateSetId: 2, optionsSetId: 3, receiveNanos, cache, ref sink);
        return drop == FlowDropReason.None ? result : new FlowDecodeResult(result.Records, drop);
    }
}
