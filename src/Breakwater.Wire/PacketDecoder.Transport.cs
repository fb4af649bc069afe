using System.Buffers.Binary;

namespace Breakwater.Wire;

public static partial class PacketDecoder
{
    private const byte ProtocolIcmp = 1;
    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;
    private const byte ProtocolGre = 47;
    private const byte ProtocolIcmpV6 = 58;
    private const byte ProtocolSctp = 132;
    private const byte ProtocolUdpLite = 136;

    // TCP (RFC 9293):
    // |          Source Port          |       Destination Port        |   0
    // |                        Sequence Number                        |   4
    // |                    Acknowledgment Number                      |   8
    // |  Data |       |C|E|U|A|P|R|S|F|                               |
    // | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |  12
    // |           Checksum            |         Urgent Pointer        |  16
    private const int TcpMinHeaderLength = 20;
    private const int TcpDataOffsetOffset = 12;
    private const int TcpFlagsOffset = 13;
    private const int TcpWindowOffset = 14;

    // UDP (RFC 768): | Source Port | Destination Port | Length | Checksum |
    private const int UdpHeaderLength = 8;

    // ICMP (RFC 792) / ICMPv6 (RFC 4443): | Type | Code | Checksum | rest of header (4) |
    private const int IcmpHeaderLength = 8;

    // SCTP common header (RFC 9260): | Source Port | Destination Port | Verification Tag | Checksum |
    private const int SctpHeaderLength = 12;

    /// <summary>
    /// <paramref name="transport"/> is what was captured of the IP payload; <paramref name="declared"/> is its
    /// length according to the IP header. A header longer than what was declared is malformed (unless the packet
    /// is a first fragment); one longer than what was captured was cut by the snap length.
    /// </summary>
    private static MalformedReason DecodeTransport(
        byte protocol, ReadOnlySpan<byte> transport, int declared, bool isFragment, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        switch (protocol)
        {
            case ProtocolTcp:
                return DecodeTcp(transport, declared, isFragment, ref record, out payload);
            case ProtocolUdp:
            case ProtocolUdpLite:
                return DecodePorts(transport, declared, isFragment, UdpHeaderLength, ref record, out payload);
            case ProtocolSctp:
                return DecodePorts(transport, declared, isFragment, SctpHeaderLength, ref record, out payload);
            case ProtocolIcmp:
            case ProtocolIcmpV6:
                return DecodeIcmp(transport, declared, isFragment, ref record, out payload);
            case ProtocolGre:
                return DecodeGre(transport, declared, isFragment, ref record, out payload);
            default:
                record.PayloadLength = ClampLength(declared);
                payload = transport;
                return MalformedReason.None;
        }
    }

    private static MalformedReason DecodeTcp(ReadOnlySpan<byte> tcp, int declared, bool isFragment, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (declared < TcpMinHeaderLength && !isFragment)
        {
            return MalformedReason.TransportHeaderTruncated;
        }

        if (tcp.Length >= TcpMinHeaderLength)
        {
            record.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
            record.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
            record.TcpFlags = (TcpFlags)tcp[TcpFlagsOffset];
            record.TcpWindow = BinaryPrimitives.ReadUInt16BigEndian(tcp[TcpWindowOffset..]);
        }
        else
        {
            PartialTcp(tcp, ref record);
            if (tcp.Length <= TcpDataOffsetOffset)
            {
                return MalformedReason.None;
            }
        }

        var headerLength = (tcp[TcpDataOffsetOffset] >> 4) * 4;
        if (headerLength < TcpMinHeaderLength || (headerLength > declared && !isFragment))
        {
            return MalformedReason.TcpDataOffsetInvalid;
        }

        record.TcpOptionsLength = (byte)(headerLength - TcpMinHeaderLength);
        record.PayloadLength = ClampLength(declared - headerLength);
        if (tcp.Length < headerLength)
        {
            record.Flags |= RecordFlags.TransportTruncated;
            return MalformedReason.None;
        }

        payload = tcp[headerLength..];
        return MalformedReason.None;
    }

    // Whatever survived the snap length: ports need 4 bytes, flags 14, the window 16.
    private static void PartialTcp(ReadOnlySpan<byte> tcp, ref TrafficRecord record)
    {
        record.Flags |= RecordFlags.TransportTruncated;
        if (tcp.Length >= 4)
        {
            record.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
            record.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
        }

        if (tcp.Length > TcpFlagsOffset)
        {
            record.TcpFlags = (TcpFlags)tcp[TcpFlagsOffset];
        }

        if (tcp.Length >= TcpWindowOffset + 2)
        {
            record.TcpWindow = BinaryPrimitives.ReadUInt16BigEndian(tcp[TcpWindowOffset..]);
        }
    }

    private static MalformedReason DecodePorts(
        ReadOnlySpan<byte> transport, int declared, bool isFragment, int headerLength, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (declared < headerLength && !isFragment)
        {
            return MalformedReason.TransportHeaderTruncated;
        }

        if (transport.Length >= 4)
        {
            record.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
            record.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
        }

        record.PayloadLength = ClampLength(declared - headerLength);
        if (transport.Length < headerLength)
        {
            record.Flags |= RecordFlags.TransportTruncated;
            return MalformedReason.None;
        }

        payload = transport[headerLength..];
        return MalformedReason.None;
    }

    private static MalformedReason DecodeIcmp(ReadOnlySpan<byte> icmp, int declared, bool isFragment, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (declared < IcmpHeaderLength && !isFragment)
        {
            return MalformedReason.TransportHeaderTruncated;
        }

        if (icmp.Length >= 2)
        {
            record.IcmpType = icmp[0];
            record.IcmpCode = icmp[1];
        }

        record.PayloadLength = ClampLength(declared - IcmpHeaderLength);
        if (icmp.Length < IcmpHeaderLength)
        {
            record.Flags |= RecordFlags.TransportTruncated;
            return MalformedReason.None;
        }

        payload = icmp[IcmpHeaderLength..];
        return MalformedReason.None;
    }
}
