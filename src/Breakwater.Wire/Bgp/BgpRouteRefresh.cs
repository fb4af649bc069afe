using System.Buffers;
using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>ROUTE-REFRESH (RFC 2918 §3): AFI, a reserved octet, SAFI. Asks the peer to send its routes of that family again.</summary>
public static class BgpRouteRefresh
{
    public const int Length = BgpFraming.HeaderLength + 4;

    public static void Write(IBufferWriter<byte> writer, BgpFamily family)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(Length);
        BgpFraming.WriteHeader(span, Length, BgpMessageType.RouteRefresh);
        BinaryPrimitives.WriteUInt16BigEndian(span[19..], family.Afi);
        span[21] = 0;
        span[22] = family.Safi;
        writer.Advance(Length);
    }

    public static bool TryParse(ReadOnlySpan<byte> body, out BgpFamily family)
    {
        family = default;
        if (body.Length != 4)
        {
            return false;
        }

        family = new BgpFamily(BinaryPrimitives.ReadUInt16BigEndian(body), body[3]);
        return true;
    }
}
