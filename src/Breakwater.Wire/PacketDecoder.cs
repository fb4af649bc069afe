using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Breakwater.Wire;

/// <summary>
/// Decodes one captured frame into a <see cref="TrafficRecord"/>: link layer, IPv4/IPv6 (with extension headers),
/// TCP, UDP, SCTP, ICMP/ICMPv6 and GRE (with the encapsulated packet). Pure and allocation-free; hostile input
/// yields a <see cref="MalformedReason"/>, never an exception.
/// </summary>
public static partial class PacketDecoder
{
    /// <summary>VLAN tags (802.1Q, 802.1ad, old QinQ) accepted in one frame; real networks stack two or three.</summary>
    internal const int MaxVlanTags = 8;

    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypeOldQinQ = 0x9100;
    private const ushort EtherTypeTransparentEthernet = 0x6558;
    private const ushort EtherTypeMplsUnicast = 0x8847;
    private const ushort EtherTypeMplsMulticast = 0x8848;
    private const ushort EtherTypePppoeSession = 0x8864;

    /// <summary>MPLS labels accepted in one stack before the frame is treated as not IP.</summary>
    internal const int MaxMplsLabels = 8;

    /// <summary>True when <see cref="Decode"/> understands frames of this link type.</summary>
    public static bool IsSupported(LinkType link) => link is LinkType.Null or LinkType.Ethernet or LinkType.Raw or LinkType.Loop
        or LinkType.LinuxSll or LinkType.LinuxSll2 or LinkType.IPv4 or LinkType.IPv6;

    /// <summary>
    /// Decodes <paramref name="frame"/> (as captured, possibly cut by the snap length) into <paramref name="record"/>.
    /// The caller sets <see cref="TrafficRecord.TimestampNanos"/> and <see cref="TrafficRecord.FrameLength"/> first;
    /// every other field is reset and filled here. <paramref name="payload"/> is the transport payload as captured.
    /// </summary>
    /// <returns><see cref="MalformedReason.None"/> on success; <see cref="MalformedReason.NotIp"/> for non-IP frames.</returns>
    public static MalformedReason Decode(LinkType link, ReadOnlySpan<byte> frame, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        var timestamp = record.TimestampNanos;
        var frameLength = record.FrameLength;
        record = default;
        record.TimestampNanos = timestamp;
        record.FrameLength = frameLength;
        record.Packets = 1;
        record.SamplingRate = 1;
        payload = default;

        switch (link)
        {
            case LinkType.Ethernet:
                return DecodeEthernet(frame, ref record, out payload);
            case LinkType.Raw:
                return DecodeRaw(frame, ref record, out payload);
            case LinkType.IPv4:
                return DecodeIPv4(frame, ref record, out payload);
            case LinkType.IPv6:
                return DecodeIPv6(frame, ref record, out payload);
            case LinkType.LinuxSll:
                return DecodeLinuxSll(frame, ref record, out payload);
            case LinkType.LinuxSll2:
                return DecodeLinuxSll2(frame, ref record, out payload);
            case LinkType.Null:
            case LinkType.Loop:
                return DecodeNull(frame, ref record, out payload);
            default:
                return MalformedReason.UnsupportedLinkType;
        }
    }

    // Ethernet II:
    //  0                 6                 12          14
    // | destination MAC  | source MAC      | EtherType | payload …
    // 802.1Q / 802.1ad tags sit before the EtherType: | TPID (0x8100, 0x88a8, 0x9100) | TCI (2) |
    private static MalformedReason DecodeEthernet(ReadOnlySpan<byte> frame, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        const int HeaderLength = 14;
        const int EtherTypeOffset = 12;
        if (frame.Length < HeaderLength)
        {
            payload = default;
            return MalformedReason.LinkHeaderTruncated;
        }

        return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[EtherTypeOffset..]), frame[HeaderLength..], ref record, out payload);
    }

    private static MalformedReason DecodeEtherType(ushort etherType, ReadOnlySpan<byte> packet, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        if (!SkipVlanTags(ref etherType, ref packet))
        {
            payload = default;
            return MalformedReason.LinkHeaderTruncated;
        }

        switch (etherType)
        {
            case EtherTypeIPv4:
                return DecodeIPv4(packet, ref record, out payload);
            case EtherTypeIPv6:
                return DecodeIPv6(packet, ref record, out payload);
            case EtherTypeMplsUnicast:
            case EtherTypeMplsMulticast:
                return DecodeMpls(packet, ref record, out payload);
            case EtherTypePppoeSession:
                return DecodePppoe(packet, ref record, out payload);
            default:
                payload = default;
                return MalformedReason.NotIp;
        }
    }

    // MPLS label stack entry (RFC 3032), repeated until the bottom-of-stack bit:
    // |                Label                  | TC  |S|       TTL     |
    // The payload type is not signalled; as routers do, the first nibble after the stack tells IPv4 from IPv6
    // (a pseudowire control word starts with 0 and is not IP).
    private static MalformedReason DecodeMpls(ReadOnlySpan<byte> packet, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        const int EntryLength = 4;
        const int BottomOfStackOffset = 2;
        payload = default;
        for (var labels = 0; ; labels++)
        {
            if (labels == MaxMplsLabels)
            {
                return MalformedReason.NotIp;
            }

            if (packet.Length < EntryLength)
            {
                return MalformedReason.LinkHeaderTruncated;
            }

            var bottom = (packet[BottomOfStackOffset] & 0x01) != 0;
            packet = packet[EntryLength..];
            if (bottom)
            {
                break;
            }
        }

        if (packet.IsEmpty)
        {
            return MalformedReason.IpHeaderTruncated;
        }

        return (packet[0] >> 4) switch
        {
            4 => DecodeIPv4(packet, ref record, out payload),
            6 => DecodeIPv6(packet, ref record, out payload),
            _ => MalformedReason.NotIp,
        };
    }

    // PPPoE session stage (RFC 2516) and the PPP protocol field (RFC 1661):
    // | ver | type | code (1) | session id (2) | length (2) | PPP protocol (2, or 1 when compressed) | payload …
    // Protocol field compression (RFC 1661 §6.5) sends one byte when the value fits; full values have an even first byte.
    private static MalformedReason DecodePppoe(ReadOnlySpan<byte> packet, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        const int SessionHeaderLength = 6;
        const ushort PppIPv4 = 0x0021;
        const ushort PppIPv6 = 0x0057;
        payload = default;
        if (packet.Length < SessionHeaderLength + 1)
        {
            return MalformedReason.LinkHeaderTruncated;
        }

        ushort protocol = packet[SessionHeaderLength];
        var headerLength = SessionHeaderLength + 1;
        if ((protocol & 0x01) == 0)
        {
            if (packet.Length < SessionHeaderLength + 2)
            {
                return MalformedReason.LinkHeaderTruncated;
            }

            protocol = BinaryPrimitives.ReadUInt16BigEndian(packet[SessionHeaderLength..]);
            headerLength = SessionHeaderLength + 2;
        }

        return protocol switch
        {
            PppIPv4 => DecodeIPv4(packet[headerLength..], ref record, out payload),
            PppIPv6 => DecodeIPv6(packet[headerLength..], ref record, out payload),
            _ => MalformedReason.NotIp,
        };
    }

    // VLAN tag (after the TPID that announced it): | PCP DEI VID (2) | next EtherType (2) |
    // Returns false when a tag is cut off; a stack deeper than MaxVlanTags is left as an unknown EtherType.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SkipVlanTags(ref ushort etherType, ref ReadOnlySpan<byte> packet)
    {
        for (var tags = 0; etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeOldQinQ; tags++)
        {
            if (tags == MaxVlanTags)
            {
                return true;
            }

            if (packet.Length < 4)
            {
                return false;
            }

            etherType = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
            packet = packet[4..];
        }

        return true;
    }

    private static MalformedReason DecodeRaw(ReadOnlySpan<byte> frame, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        if (frame.IsEmpty)
        {
            payload = default;
            return MalformedReason.IpHeaderTruncated;
        }

        switch (frame[0] >> 4)
        {
            case 4:
                return DecodeIPv4(frame, ref record, out payload);
            case 6:
                return DecodeIPv6(frame, ref record, out payload);
            default:
                payload = default;
                return MalformedReason.IpVersionMismatch;
        }
    }

    // Linux cooked capture v1 (LINKTYPE_LINUX_SLL), 16 bytes:
    //  0             2              4                6                 14              16
    // | packet type | ARPHRD type  | address length | address (8)     | protocol type | payload …
    private static MalformedReason DecodeLinuxSll(ReadOnlySpan<byte> frame, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        const int HeaderLength = 16;
        const int ProtocolOffset = 14;
        if (frame.Length < HeaderLength)
        {
            payload = default;
            return MalformedReason.LinkHeaderTruncated;
        }

        return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[ProtocolOffset..]), frame[HeaderLength..], ref record, out payload);
    }

    // Linux cooked capture v2 (LINKTYPE_LINUX_SLL2), 20 bytes:
    //  0               2           4                 8             10            11               12            20
    // | protocol type | reserved  | interface index | ARPHRD type | packet type | address length | address (8) | payload …
    private static MalformedReason DecodeLinuxSll2(ReadOnlySpan<byte> frame, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        const int HeaderLength = 20;
        const int ProtocolOffset = 0;
        if (frame.Length < HeaderLength)
        {
            payload = default;
            return MalformedReason.LinkHeaderTruncated;
        }

        return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[ProtocolOffset..]), frame[HeaderLength..], ref record, out payload);
    }

    // BSD loopback (LINKTYPE_NULL host order, LINKTYPE_LOOP network order): | address family (4) | payload …
    // Captures move between machines, so both byte orders are accepted for both link types.
    // AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
    private static MalformedReason DecodeNull(ReadOnlySpan<byte> frame, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        const int HeaderLength = 4;
        if (frame.Length < HeaderLength)
        {
            payload = default;
            return MalformedReason.LinkHeaderTruncated;
        }

        var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (family > 0xFFFF)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }

        switch (family)
        {
            case 2:
                return DecodeIPv4(frame[HeaderLength..], ref record, out payload);
            case 24:
            case 28:
            case 30:
                return DecodeIPv6(frame[HeaderLength..], ref record, out payload);
            default:
                payload = default;
                return MalformedReason.NotIp;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ClampLength(int length) => (ushort)Math.Clamp(length, 0, ushort.MaxValue);
}
