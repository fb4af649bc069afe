using System.Buffers.Binary;

namespace Breakwater.Wire;

public static partial class PacketDecoder
{
    /// <summary>IPv6 extension headers walked before giving up (RFC 8200 recommends each appear at most once or twice).</summary>
    internal const int MaxIPv6ExtensionHeaders = 8;

    // IPv4 (RFC 791):
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |Version|  IHL  |Type of Service|          Total Length         |   0
    // |         Identification        |Flags|      Fragment Offset    |   4
    // |  Time to Live |    Protocol   |         Header Checksum       |   8
    // |                       Source Address                          |  12
    // |                    Destination Address                        |  16
    // |                    Options                    |    Padding    |  20
    private const int IPv4MinHeaderLength = 20;
    private const int IPv4TotalLengthOffset = 2;
    private const int IPv4IdOffset = 4;
    private const int IPv4FragmentOffset = 6;
    private const int IPv4TtlOffset = 8;
    private const int IPv4ProtocolOffset = 9;
    private const int IPv4SourceOffset = 12;
    private const int IPv4DestinationOffset = 16;
    private const ushort IPv4MoreFragments = 0x2000;
    private const ushort IPv4FragmentOffsetMask = 0x1FFF;

    // IPv6 (RFC 8200):
    // |Version| Traffic Class |           Flow Label                  |   0
    // |         Payload Length        |  Next Header  |   Hop Limit   |   4
    // |                 Source Address (128 bits)                     |   8
    // |              Destination Address (128 bits)                   |  24
    private const int IPv6HeaderLength = 40;
    private const int IPv6PayloadLengthOffset = 4;
    private const int IPv6NextHeaderOffset = 6;
    private const int IPv6HopLimitOffset = 7;
    private const int IPv6SourceOffset = 8;
    private const int IPv6DestinationOffset = 24;

    private static MalformedReason DecodeIPv4(ReadOnlySpan<byte> packet, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (packet.Length < IPv4MinHeaderLength)
        {
            return MalformedReason.IpHeaderTruncated;
        }

        var versionAndLength = packet[0];
        if (versionAndLength >> 4 != 4)
        {
            return MalformedReason.IpVersionMismatch;
        }

        var headerLength = (versionAndLength & 0x0F) * 4;
        if (headerLength < IPv4MinHeaderLength)
        {
            return MalformedReason.IpHeaderLengthInvalid;
        }

        if (packet.Length < headerLength)
        {
            return MalformedReason.IpHeaderTruncated;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[IPv4TotalLengthOffset..]);
        if (totalLength < headerLength || IsBeyondFrame(totalLength, record.FrameLength))
        {
            // Segmentation offload captures write 0 here, and a forged length must not inflate byte rates:
            // the captured length is the best estimate.
            totalLength = packet.Length;
        }
        else if (packet.Length > totalLength)
        {
            // Ethernet padding and trailers are not part of the packet.
            packet = packet[..totalLength];
        }

        record.Bytes = (ulong)totalLength;
        record.IpId = BinaryPrimitives.ReadUInt16BigEndian(packet[IPv4IdOffset..]);
        record.Ttl = packet[IPv4TtlOffset];
        var protocol = packet[IPv4ProtocolOffset];
        record.Protocol = protocol;
        record.Source = NetAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(packet[IPv4SourceOffset..]));
        record.Destination = NetAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(packet[IPv4DestinationOffset..]));
        if (headerLength > IPv4MinHeaderLength)
        {
            record.Flags |= RecordFlags.IpOptions;
        }

        var fragment = BinaryPrimitives.ReadUInt16BigEndian(packet[IPv4FragmentOffset..]);
        var declared = totalLength - headerLength;
        var transport = packet[headerLength..];
        if ((fragment & IPv4FragmentOffsetMask) != 0)
        {
            record.Flags |= RecordFlags.Fragment | RecordFlags.LaterFragment;
            record.PayloadLength = ClampLength(declared);
            payload = transport;
            return MalformedReason.None;
        }

        var isFragment = (fragment & IPv4MoreFragments) != 0;
        if (isFragment)
        {
            record.Flags |= RecordFlags.Fragment;
        }

        return DecodeTransport(protocol, transport, declared, isFragment, ref record, out payload);
    }

    private static MalformedReason DecodeIPv6(ReadOnlySpan<byte> packet, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (packet.Length < IPv6HeaderLength)
        {
            return MalformedReason.IpHeaderTruncated;
        }

        if (packet[0] >> 4 != 6)
        {
            return MalformedReason.IpVersionMismatch;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[IPv6PayloadLengthOffset..]);

        // 0 means a jumbogram or a segmentation offload capture; longer than the frame means forged or corrupt.
        // Either way the captured length is the best estimate.
        var totalLength = payloadLength == 0 || IsBeyondFrame(IPv6HeaderLength + payloadLength, record.FrameLength)
            ? packet.Length
            : IPv6HeaderLength + payloadLength;
        if (packet.Length > totalLength)
        {
            packet = packet[..totalLength];
        }

        record.Flags |= RecordFlags.IPv6;
        record.Bytes = (ulong)totalLength;
        record.Ttl = packet[IPv6HopLimitOffset];
        record.Source = NetAddress.FromV6(packet.Slice(IPv6SourceOffset, 16));
        record.Destination = NetAddress.FromV6(packet.Slice(IPv6DestinationOffset, 16));

        var nextHeader = packet[IPv6NextHeaderOffset];
        var offset = IPv6HeaderLength;
        var chain = SkipIPv6Extensions(packet, ref offset, ref nextHeader, out var fragment);
        record.Protocol = nextHeader;
        if (chain == ExtensionChain.Truncated)
        {
            if (packet.Length >= totalLength)
            {
                // The chain runs past the payload length the header declares.
                return MalformedReason.Ipv6ExtensionHeaderTruncated;
            }

            // Cut by the snap length: addresses and length are known, the upper layer is not.
            record.Flags |= RecordFlags.TransportTruncated;
            record.PayloadLength = ClampLength(totalLength - offset);
            return MalformedReason.None;
        }

        var declared = totalLength - offset;
        if (declared < 0)
        {
            return MalformedReason.Ipv6ExtensionHeaderTruncated;
        }

        var transport = packet[offset..];
        var isFragment = false;
        if (fragment.Present)
        {
            record.IpId = (ushort)fragment.Identification;

            // An atomic fragment (offset 0, no more fragments; RFC 6946) is a whole packet.
            isFragment = fragment.More || fragment.Offset != 0;
            if (isFragment)
            {
                record.Flags |= RecordFlags.Fragment;
            }

            if (fragment.Offset != 0)
            {
                record.Flags |= RecordFlags.LaterFragment;
                record.PayloadLength = ClampLength(declared);
                payload = transport;
                return MalformedReason.None;
            }
        }

        if (chain == ExtensionChain.TooLong)
        {
            record.PayloadLength = ClampLength(declared);
            payload = transport;
            return MalformedReason.None;
        }

        return DecodeTransport(nextHeader, transport, declared, isFragment, ref record, out payload);
    }

    /// <summary>An IP length longer than the whole frame on the wire (when the caller knows it) is forged or corrupt.</summary>
    private static bool IsBeyondFrame(int ipLength, uint frameLength) => frameLength != 0 && (uint)ipLength > frameLength;

    private enum ExtensionChain : byte
    {
        Done,
        Truncated,
        TooLong,
    }

    private struct IPv6Fragment
    {
        public bool Present;
        public bool More;
        public ushort Offset;
        public uint Identification;
    }

    // Extension headers (RFC 8200 §4): hop-by-hop (0), routing (43), destination options (60), mobility (135),
    // HIP (139), shim6 (140): | Next Header | Hdr Ext Len (8-octet units, not counting the first 8) | …
    // Fragment (44), 8 bytes:   | Next Header | Reserved | Fragment Offset (13) |Res|M| | Identification (32) |
    // Authentication (51, RFC 4302): | Next Header | Payload Len (4-octet units, minus 2) | …
    // Stops at a later fragment (no upper-layer header follows) and at any other next-header value.
    private static ExtensionChain SkipIPv6Extensions(ReadOnlySpan<byte> packet, ref int offset, ref byte nextHeader, out IPv6Fragment fragment)
    {
        fragment = default;
        for (var count = 0; ; count++)
        {
            int length;
            switch (nextHeader)
            {
                case 0:
                case 43:
                case 60:
                case 135:
                case 139:
                case 140:
                    if (packet.Length - offset < 2)
                    {
                        return ExtensionChain.Truncated;
                    }

                    length = (packet[offset + 1] + 1) * 8;
                    break;
                case 51:
                    if (packet.Length - offset < 2)
                    {
                        return ExtensionChain.Truncated;
                    }

                    length = (packet[offset + 1] + 2) * 4;
                    break;
                case 44:
                    length = 8;
                    break;
                default:
                    return ExtensionChain.Done;
            }

            if (count == MaxIPv6ExtensionHeaders)
            {
                return ExtensionChain.TooLong;
            }

            if (packet.Length - offset < length)
            {
                return ExtensionChain.Truncated;
            }

            var header = packet.Slice(offset, length);
            if (nextHeader == 44)
            {
                fragment.Present = true;
                var offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
                fragment.Offset = (ushort)(offsetAndFlags >> 3);
                fragment.More = (offsetAndFlags & 0x0001) != 0;
                fragment.Identification = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
                nextHeader = header[0];
                offset += length;
                if (fragment.Offset != 0)
                {
                    return ExtensionChain.Done;
                }

                continue;
            }

            nextHeader = header[0];
            offset += length;
        }
    }
}
