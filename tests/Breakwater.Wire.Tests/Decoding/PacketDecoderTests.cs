using System.Buffers.Binary;
using Breakwater.TestKit.Captures;

namespace Breakwater.Wire.Tests.Decoding;

/// <summary>Header shapes the reference captures do not cover: hostile lengths, odd link layers, stale fields.</summary>
public sealed class PacketDecoderTests
{
    private static MalformedReason Decode(LinkType link, byte[] frame, out TrafficRecord record, out byte[] payload, uint? frameLength = null)
    {
        record = new TrafficRecord { TimestampNanos = 42, FrameLength = frameLength ?? (uint)frame.Length };
        var reason = PacketDecoder.Decode(link, frame, ref record, out var span);
        payload = span.ToArray();
        return reason;
    }

    [Fact]
    public void Decode_EthernetPadding_NotCountedAsPayload()
    {
        var frame = Frames.Ethernet(Frames.IPv4Tcp(0x0A000001, 0x0A000002, 1, 2, 0x10));

        Assert.Equal(MalformedReason.None, Decode(LinkType.Ethernet, frame, out var record, out var payload));

        Assert.Equal(60, frame.Length);
        Assert.Equal(40UL, record.Bytes);
        Assert.Equal(0, record.PayloadLength);
        Assert.Empty(payload);
    }

    [Fact]
    public void Decode_CallerFieldsKept_StaleFieldsReset()
    {
        var record = new TrafficRecord
        {
            TimestampNanos = 7, FrameLength = 99, SourcePort = 1, TcpFlags = TcpFlags.Syn, InnerProtocol = 17,
            Flags = RecordFlags.GreInnerDecoded | RecordFlags.FromFlow, Packets = 5, SamplingRate = 1000,
        };

        PacketDecoder.Decode(LinkType.Raw, Frames.IPv4Udp(1, 2, 0, 9, 0), ref record, out _);

        Assert.Equal(7, record.TimestampNanos);
        Assert.Equal(99U, record.FrameLength);
        Assert.Equal(0, record.SourcePort);
        Assert.Equal(9, record.DestinationPort);
        Assert.Equal(TcpFlags.None, record.TcpFlags);
        Assert.Equal(0, record.InnerProtocol);
        Assert.Equal(RecordFlags.None, record.Flags);
        Assert.Equal(1UL, record.Packets);
        Assert.Equal(1U, record.SamplingRate);
    }

    [Fact]
    public void Decode_SegmentationOffloadZeroTotalLength_UsesCapturedLength()
    {
        var packet = Frames.IPv4Udp(1, 2, 3, 4, 100);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 0);

        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv4, packet, out var record, out var payload));

        Assert.Equal((ulong)packet.Length, record.Bytes);
        Assert.Equal(100, payload.Length);
    }

    [Fact]
    public void Decode_IpLengthLongerThanFrameOnWire_CapturedLengthUsed()
    {
        // A forged 65535-byte total length in a 62-byte frame must not count as 64 KiB of traffic.
        var packet = Frames.IPv4Udp(1, 2, 3, 4, 20);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 65535);
        var frame = Frames.Ethernet(packet);

        Assert.Equal(MalformedReason.None, Decode(LinkType.Ethernet, frame, out var record, out _));

        Assert.Equal((ulong)(frame.Length - 14), record.Bytes);
    }

    [Fact]
    public void Decode_IPv6PayloadLengthLongerThanFrameOnWire_CapturedLengthUsed()
    {
        var packet = IPv6Udp();
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 60000);

        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv6, packet, out var record, out _));

        Assert.Equal((ulong)packet.Length, record.Bytes);
        Assert.Equal(53, record.DestinationPort);
    }

    [Fact]
    public void Decode_TcpPayloadLength_FromIpLengthNotCapturedLength()
    {
        var packet = Frames.IPv4Tcp(1, 2, 3, 4, 0x18, payloadLength: 1000);

        // Snap length 60 of a 1040-byte packet.
        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv4, packet[..60], out var record, out var payload, frameLength: 1040));

        Assert.Equal(1000, record.PayloadLength);
        Assert.Equal(20, payload.Length);
        Assert.Equal(1040UL, record.Bytes);
        Assert.False(record.Has(RecordFlags.TransportTruncated));
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0xF0)]
    public void Decode_TcpDataOffsetInvalid_Malformed(byte dataOffset)
    {
        var packet = Frames.IPv4Tcp(1, 2, 3, 4, 0x02);
        packet[32] = dataOffset;

        Assert.Equal(MalformedReason.TcpDataOffsetInvalid, Decode(LinkType.IPv4, packet, out _, out _));
    }

    [Fact]
    public void Decode_UdpLongerThanIpLengthAllows_Malformed()
    {
        var packet = Frames.IPv4Udp(1, 2, 3, 4, 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 24);

        Assert.Equal(MalformedReason.TransportHeaderTruncated, Decode(LinkType.IPv4, packet, out _, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x45, 0, 0, 20 }, MalformedReason.IpHeaderTruncated)]
    [InlineData(new byte[] { 0x44, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 }, MalformedReason.IpHeaderLengthInvalid)]
    [InlineData(new byte[] { 0x46, 0, 0, 24, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 }, MalformedReason.IpHeaderTruncated)]
    [InlineData(new byte[] { 0x65, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 }, MalformedReason.IpVersionMismatch)]
    public void Decode_BrokenIPv4Header_Malformed(byte[] packet, MalformedReason reason)
    {
        Assert.Equal(reason, Decode(LinkType.IPv4, packet, out _, out _));
    }

    [Fact]
    public void Decode_RawLinkWithIPv6OnIPv4LinkType_VersionMismatch()
    {
        var packet = new byte[40];
        packet[0] = 0x60;
        packet[6] = 59;

        Assert.Equal(MalformedReason.IpVersionMismatch, Decode(LinkType.IPv4, packet, out _, out _));
        Assert.Equal(MalformedReason.None, Decode(LinkType.Raw, packet, out var record, out _));
        Assert.True(record.Has(RecordFlags.IPv6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(PacketDecoder.MaxVlanTags)]
    public void Decode_StackedVlanTags_ReachesIp(int tags)
    {
        var frame = VlanFrame(tags);

        Assert.Equal(MalformedReason.None, Decode(LinkType.Ethernet, frame, out var record, out _));
        Assert.Equal(53, record.DestinationPort);
    }

    [Fact]
    public void Decode_VlanStackDeeperThanLimit_NotIp()
    {
        Assert.Equal(MalformedReason.NotIp, Decode(LinkType.Ethernet, VlanFrame(PacketDecoder.MaxVlanTags + 1), out _, out _));
    }

    [Fact]
    public void Decode_VlanTagCutOff_LinkHeaderTruncated()
    {
        Assert.Equal(MalformedReason.LinkHeaderTruncated, Decode(LinkType.Ethernet, VlanFrame(2)[..16], out _, out _));
    }

    [Theory]
    [InlineData(1, MalformedReason.None)]
    [InlineData(PacketDecoder.MaxMplsLabels, MalformedReason.None)]
    [InlineData(PacketDecoder.MaxMplsLabels + 1, MalformedReason.NotIp)]
    public void Decode_MplsLabelStack_IpUnderBoundedStack(int labels, MalformedReason expected)
    {
        var ip = Frames.IPv4Udp(1, 2, 3, 53, 10);
        var stack = new byte[4 * labels];
        stack[^2] = 0x01;
        var frame = Frames.Ethernet([.. stack, .. ip], etherType: 0x8847);

        Assert.Equal(expected, Decode(LinkType.Ethernet, frame, out var record, out _));
        Assert.Equal(expected == MalformedReason.None ? 53 : 0, record.DestinationPort);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x21 })]
    [InlineData(new byte[] { 0x21 })]
    public void Decode_PppoeSession_FullAndCompressedProtocolField(byte[] protocol)
    {
        byte[] session = [0x11, 0x00, 0x00, 0x07, 0x00, 0x30, .. protocol, .. Frames.IPv4Udp(1, 2, 3, 53, 10)];

        Assert.Equal(MalformedReason.None, Decode(LinkType.Ethernet, Frames.Ethernet(session, etherType: 0x8864), out var record, out _));
        Assert.Equal(53, record.DestinationPort);
    }

    [Fact]
    public void Decode_MplsStackCutOff_LinkHeaderTruncated()
    {
        byte[] frame = [.. new byte[12], 0x88, 0x47, 0, 0];

        Assert.Equal(MalformedReason.LinkHeaderTruncated, Decode(LinkType.Ethernet, frame, out _, out _));
    }

    [Theory]
    [InlineData(LinkType.Null, 2u, false, false)]
    [InlineData(LinkType.Null, 2u, true, false)]
    [InlineData(LinkType.Loop, 2u, true, false)]
    [InlineData(LinkType.Loop, 24u, false, true)]
    [InlineData(LinkType.Null, 28u, true, true)]
    [InlineData(LinkType.Loop, 30u, true, true)]
    public void Decode_BsdLoopbackFamilies_BothByteOrders(LinkType link, uint family, bool bigEndian, bool ipv6)
    {
        var packet = ipv6 ? IPv6Udp() : Frames.IPv4Udp(1, 2, 3, 53, 4);
        var frame = new byte[4 + packet.Length];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame, family);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(frame, family);
        }

        packet.CopyTo(frame, 4);

        Assert.Equal(MalformedReason.None, Decode(link, frame, out var record, out _));
        Assert.Equal(ipv6, record.Has(RecordFlags.IPv6));
        Assert.Equal(53, record.DestinationPort);
    }

    [Fact]
    public void Decode_BsdLoopbackOtherFamily_NotIp()
    {
        Assert.Equal(MalformedReason.NotIp, Decode(LinkType.Null, [7, 0, 0, 0, 0x45], out _, out _));
    }

    [Fact]
    public void Decode_UnsupportedLinkType_Reported()
    {
        Assert.Equal(MalformedReason.UnsupportedLinkType, Decode((LinkType)147, new byte[60], out _, out _));
        Assert.False(PacketDecoder.IsSupported((LinkType)147));
    }

    [Fact]
    public void Decode_IPv6ExtensionChainLongerThanPayloadLength_Malformed()
    {
        var packet = IPv6WithHeaders(0, [60, 4, 0, 0, 0, 0, 0, 0], payloadLength: 4);

        Assert.Equal(MalformedReason.Ipv6ExtensionHeaderTruncated, Decode(LinkType.IPv6, packet, out _, out _));
    }

    [Fact]
    public void Decode_IPv6TooManyExtensionHeaders_StopsWithoutTransport()
    {
        var headers = new List<byte>();
        for (var i = 0; i < PacketDecoder.MaxIPv6ExtensionHeaders + 2; i++)
        {
            headers.AddRange(new byte[] { 60, 0, 0, 0, 0, 0, 0, 0 });
        }

        var packet = IPv6WithHeaders(60, [.. headers], payloadLength: headers.Count);

        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv6, packet, out var record, out _));
        Assert.Equal(60, record.Protocol);
        Assert.Equal(0, record.DestinationPort);
    }

    [Fact]
    public void Decode_IPv6AtomicFragment_WholePacketWithId()
    {
        // Fragment header with offset 0 and M = 0 (RFC 6946), identification 0x00ABCDEF, then UDP.
        byte[] rest = [17, 0, 0, 0, 0x00, 0xAB, 0xCD, 0xEF, 0, 1, 0, 53, 0, 8, 0, 0];

        var packet = IPv6WithHeaders(44, rest, payloadLength: rest.Length);

        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv6, packet, out var record, out _));
        Assert.False(record.Has(RecordFlags.Fragment));
        Assert.Equal(0xCDEF, record.IpId);
        Assert.Equal(17, record.Protocol);
        Assert.Equal(53, record.DestinationPort);
    }

    [Fact]
    public void Decode_IPv6AuthenticationHeader_Skipped()
    {
        // AH: next header UDP, payload length 4 (=> (4 + 2) * 4 = 24 bytes), then an 8-byte UDP header.
        var ah = new byte[24];
        ah[0] = 17;
        ah[1] = 4;
        byte[] udp = [0, 1, 0, 53, 0, 8, 0, 0];

        var packet = IPv6WithHeaders(51, [.. ah, .. udp], payloadLength: 32);

        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv6, packet, out var record, out _));
        Assert.Equal(17, record.Protocol);
        Assert.Equal(53, record.DestinationPort);
    }

    [Fact]
    public void Decode_GreOptionalFieldsBeyondIpLength_Malformed()
    {
        // GRE with C, K and S bits (16-byte header) in an IP packet that only has room for 8.
        var packet = new byte[28];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 28);
        packet[9] = 47;
        packet[20] = 0xB0;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), 0x0800);

        Assert.Equal(MalformedReason.GreHeaderTruncated, Decode(LinkType.IPv4, packet, out var record, out _));
        Assert.Equal(GreInnerKind.IPv4, record.InnerKind);
    }

    [Fact]
    public void Decode_GreUnknownProtocol_OtherAndNotDecoded()
    {
        var inner = new byte[20];
        var packet = new byte[20 + 4 + inner.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[9] = 47;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), 0x880B);

        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv4, packet, out var record, out var payload));
        Assert.Equal(GreInnerKind.Other, record.InnerKind);
        Assert.False(record.Has(RecordFlags.GreInnerDecoded));
        Assert.Equal(20, record.PayloadLength);
        Assert.Equal(20, payload.Length);
    }

    [Fact]
    public void Decode_TinyFirstFragment_TransportTruncatedNotMalformed()
    {
        // 8 bytes of TCP in a first fragment (a classic evasion): ports are there, flags are not.
        var packet = Frames.IPv4Tcp(1, 2, 3, 4, 0x02)[..28];
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 28);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), 0x2000);

        Assert.Equal(MalformedReason.None, Decode(LinkType.IPv4, packet, out var record, out _));
        Assert.True(record.Has(RecordFlags.Fragment | RecordFlags.TransportTruncated));
        Assert.Equal(4, record.DestinationPort);
    }

    private static byte[] VlanFrame(int tags)
    {
        var ip = Frames.IPv4Udp(1, 2, 3, 53, 10);
        var frame = new byte[14 + (4 * tags) + ip.Length];
        for (var i = 0; i < tags; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12 + (4 * i)), i == 0 ? (ushort)0x88A8 : (ushort)0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14 + (4 * i)), (ushort)(100 + i));
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12 + (4 * tags)), 0x0800);
        ip.CopyTo(frame, 14 + (4 * tags));
        return frame;
    }

    private static byte[] IPv6Udp() => IPv6WithHeaders(17, [0, 3, 0, 53, 0, 8, 0, 0], payloadLength: 8);

    private static byte[] IPv6WithHeaders(byte nextHeader, byte[] rest, int payloadLength)
    {
        var packet = new byte[40 + rest.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payloadLength);
        packet[6] = nextHeader;
        packet[7] = 64;
        packet[23] = 1;
        packet[39] = 2;
        rest.CopyTo(packet, 40);
        return packet;
    }
}
