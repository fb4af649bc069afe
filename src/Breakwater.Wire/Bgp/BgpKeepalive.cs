using System.Buffers;

namespace Breakwater.Wire.Bgp;

/// <summary>KEEPALIVE: a header and nothing else (RFC 4271 §4.4).</summary>
public static class BgpKeepalive
{
    public static void Write(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(BgpFraming.HeaderLength);
        BgpFraming.WriteHeader(span, BgpFraming.HeaderLength, BgpMessageType.Keepalive);
        writer.Advance(BgpFraming.HeaderLength);
    }
}
