using System.Buffers.Binary;

namespace Breakwater.Wire;

public static partial class PacketDecoder
{
    // GRE (RFC 2784, RFC 2890 key and sequence; RFC 2637 version 1 for PPTP):
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |   0
    // |      Checksum (optional)      |       Reserved1 (Optional)    |   present when C (or R)
    // |                         Key (optional)                        |   present when K
    // |                 Sequence Number (Optional)                    |   present when S
    // |               Acknowledgment Number (version 1, optional)     |   present when A
    private const int GreBaseHeaderLength = 4;
    private const int GreProtocolTypeOffset = 2;
    private const byte GreChecksumPresent = 0x80;
    private const byte GreRoutingPresent = 0x40;
    private const byte GreKeyPresent = 0x20;
    private const byte GreSequencePresent = 0x10;
    private const byte GreAckPresent = 0x80;

    private static MalformedReason DecodeGre(ReadOnlySpan<byte> gre, int declared, bool isFragment, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (gre.Length < GreBaseHeaderLength)
        {
            if (declared < GreBaseHeaderLength && !isFragment)
            {
                return MalformedReason.GreHeaderTruncated;
            }

            record.Flags |= RecordFlags.TransportTruncated;
            return MalformedReason.None;
        }

        var flags = gre[0];
        var version = gre[1] & 0x07;
        var headerLength = GreBaseHeaderLength;
        if ((flags & (GreChecksumPresent | GreRoutingPresent)) != 0)
        {
            headerLength += 4;
        }

        if ((flags & GreKeyPresent) != 0)
        {
            headerLength += 4;
        }

        if ((flags & GreSequencePresent) != 0)
        {
            headerLength += 4;
        }

        if (version == 1 && (gre[1] & GreAckPresent) != 0)
        {
            headerLength += 4;
        }

        var protocolType = BinaryPrimitives.ReadUInt16BigEndian(gre[GreProtocolTypeOffset..]);
        record.InnerKind = protocolType switch
        {
            EtherTypeIPv4 => GreInnerKind.IPv4,
            EtherTypeIPv6 => GreInnerKind.IPv6,
            EtherTypeTransparentEthernet => GreInnerKind.Ethernet,
            _ => GreInnerKind.Other,
        };

        if (headerLength > declared && !isFragment)
        {
            return MalformedReason.GreHeaderTruncated;
        }

        record.PayloadLength = ClampLength(declared - headerLength);
        if (gre.Length < headerLength)
        {
            record.Flags |= RecordFlags.TransportTruncated;
            return MalformedReason.None;
        }

        payload = gre[headerLength..];

        // RFC 1701 source routing puts a variable list of entries before the payload; nobody floods with it.
        if ((flags & GreRoutingPresent) == 0 && version == 0)
        {
            DecodeGreInner(record.InnerKind, payload, ref record);
        }

        return MalformedReason.None;
    }

    /// <summary>Fills the Inner* fields from the encapsulated packet; leaves them empty when it cannot be read.</summary>
    private static void DecodeGreInner(GreInnerKind kind, ReadOnlySpan<byte> inner, ref TrafficRecord record)
    {
        if (kind == GreInnerKind.Ethernet)
        {
            const int EthernetHeaderLength = 14;
            if (inner.Length < EthernetHeaderLength)
            {
                return;
            }

            var etherType = BinaryPrimitives.ReadUInt16BigEndian(inner[12..]);
            inner = inner[EthernetHeaderLength..];
            if (!SkipVlanTags(ref etherType, ref inner))
            {
                return;
            }

            if (etherType == EtherTypeIPv4)
            {
                DecodeInnerIPv4(inner, ref record);
            }
            else if (etherType == EtherTypeIPv6)
            {
                DecodeInnerIPv6(inner, ref record);
            }
        }
        else if (kind == GreInnerKind.IPv4)
        {
            DecodeInnerIPv4(inner, ref record);
        }
        else if (kind == GreInnerKind.IPv6)
        {
            DecodeInnerIPv6(inner, ref record);
        }
    }

    private static void DecodeInnerIPv4(ReadOnlySpan<byte> packet, ref TrafficRecord record)
    {
        if (packet.Length < IPv4MinHeaderLength || packet[0] >> 4 != 4)
        {
            return;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < IPv4MinHeaderLength || packet.Length < headerLength)
        {
            return;
        }

        var protocol = packet[IPv4ProtocolOffset];
        record.InnerProtocol = protocol;
        record.InnerDestination = NetAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(packet[IPv4DestinationOffset..]));
        record.Flags |= RecordFlags.GreInnerDecoded;
        if ((BinaryPrimitives.ReadUInt16BigEndian(packet[IPv4FragmentOffset..]) & IPv4FragmentOffsetMask) == 0)
        {
            DecodeInnerPorts(protocol, packet[headerLength..], ref record);
        }
    }

    private static void DecodeInnerIPv6(ReadOnlySpan<byte> packet, ref TrafficRecord record)
    {
        if (packet.Length < IPv6HeaderLength || packet[0] >> 4 != 6)
        {
            return;
        }

        var nextHeader = packet[IPv6NextHeaderOffset];
        var offset = IPv6HeaderLength;
        var chain = SkipIPv6Extensions(packet, ref offset, ref nextHeader, out var fragment);
        record.InnerProtocol = nextHeader;
        record.InnerDestination = NetAddress.FromV6(packet.Slice(IPv6DestinationOffset, 16));
        record.Flags |= RecordFlags.GreInnerDecoded;
        if (chain == ExtensionChain.Done && fragment.Offset == 0)
        {
            DecodeInnerPorts(nextHeader, packet[offset..], ref record);
        }
    }

    private static void DecodeInnerPorts(byte protocol, ReadOnlySpan<byte> transport, ref TrafficRecord record)
    {
        if (transport.Length >= 4 && protocol is ProtocolTcp or ProtocolUdp or ProtocolUdpLite or ProtocolSctp)
        {
            record.InnerSourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
            record.InnerDestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
        }
    }
}
