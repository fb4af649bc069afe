using System.Buffers.Binary;
using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>
/// Builds frames in one reusable buffer: the caller writes the transport header and payload into
/// <see cref="Transport"/>, then <see cref="Emit"/> adds the IP and link headers, fills the checksums and writes the
/// frame — or its fragments when the datagram exceeds a 1500-byte MTU — to the pcap.
/// </summary>
/// <remarks>
/// <code>
/// IPv4 (RFC 791)                          IPv6 (RFC 8200)                 IPv6 Fragment header (RFC 8200 4.5)
///  0 ver/ihl  1 tos  2 total length       0 ver/tc/flow(4)                 0 next header  1 reserved
///  4 id       6 flags(3) frag offset(13)  4 payload length  6 next hdr     2 offset(13) res(2) M(1)
///  8 ttl  9 proto  10 header checksum     7 hop limit                      4 identification(4)
/// 12 source   16 destination              8 source(16)  24 destination(16)
/// </code>
/// </remarks>
internal sealed class FrameBuilder
{
    public const int Mtu = 1500;
    public const byte ProtoIcmp = 1;
    public const byte ProtoTcp = 6;
    public const byte ProtoUdp = 17;
    public const byte ProtoGre = 47;
    public const byte ProtoIcmpV6 = 58;
    private const byte ProtoFragment = 44;

    private static ReadOnlySpan<byte> RouterMac => [0x00, 0x1b, 0x21, 0x3a, 0x00, 0x01];

    private static ReadOnlySpan<byte> UpstreamMac => [0x00, 0x0c, 0x29, 0x5e, 0x00, 0x02];

    private readonly byte[] _frame = new byte[70_000];
    private readonly byte[] _datagram = new byte[70_000];
    private readonly IFrameSink _writer;
    private readonly int _linkLength;

    public FrameBuilder(IFrameSink writer, SimLinkType linkType)
    {
        _writer = writer;
        _linkLength = linkType == SimLinkType.Ethernet ? 14 : 0;
    }

    public long BytesWritten => _writer.Bytes;

    /// <summary>Where the transport header goes for a packet of the given family.</summary>
    public Span<byte> Transport(bool ipv6) => _frame.AsSpan(_linkLength + (ipv6 ? 40 : 20));

    /// <summary>
    /// Completes and writes the packet whose transport bytes (<paramref name="length"/> of them) are in
    /// <see cref="Transport"/>. <paramref name="checksumOffset"/> is where the transport checksum goes (-1: none).
    /// Returns the number of frames written (more than one when fragmented).
    /// </summary>
    public int Emit(long unixNs, NetAddress source, NetAddress destination, byte protocol, int length, byte ttl, uint ipId, int checksumOffset)
    {
        var ipv6 = !destination.IsIPv4;
        var ipLength = ipv6 ? 40 : 20;
        var ip = _frame.AsSpan(_linkLength, ipLength);
        WriteIpHeader(ip, source, destination, protocol, ttl, ipId);
        var transport = _frame.AsSpan(_linkLength + ipLength, length);
        if (checksumOffset >= 0)
        {
            FillChecksum(ip, transport, protocol, checksumOffset, ipv6);
        }

        if (ipLength + length <= Mtu)
        {
            FinishIp(ip, length, ipv6, fragmentField: ipv6 ? 0 : 0x4000);
            return WriteFrame(unixNs, ipLength + length, ipv6);
        }

        return EmitFragments(unixNs, source, destination, protocol, length, ttl, ipId, ipv6);
    }

    private int EmitFragments(long unixNs, NetAddress source, NetAddress destination, byte protocol, int length, byte ttl, uint ipId, bool ipv6)
    {
        var whole = _datagram.AsSpan(0, length);
        _frame.AsSpan(_linkLength + (ipv6 ? 40 : 20), length).CopyTo(whole);
        var chunk = ipv6 ? (Mtu - 48) & ~7 : (Mtu - 20) & ~7;
        var frames = 0;
        for (var offset = 0; offset < length; offset += chunk)
        {
            var size = Math.Min(chunk, length - offset);
            var more = offset + size < length;
            if (ipv6)
            {
                var ip = _frame.AsSpan(_linkLength, 48);
                WriteIpHeader(ip, source, destination, ProtoFragment, ttl, ipId);

                // Fragment header: next header = the real protocol, offset in 8-byte units, M flag.
                ip[40] = protocol;
                ip[41] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(ip[42..], (ushort)((offset / 8) << 3 | (more ? 1 : 0)));
                BinaryPrimitives.WriteUInt32BigEndian(ip[44..], ipId);
                BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(8 + size));
                whole.Slice(offset, size).CopyTo(_frame.AsSpan(_linkLength + 48));
                frames += WriteFrame(unixNs, 48 + size, ipv6: true);
            }
            else
            {
                var ip = _frame.AsSpan(_linkLength, 20);
                WriteIpHeader(ip, source, destination, protocol, ttl, ipId);
                whole.Slice(offset, size).CopyTo(_frame.AsSpan(_linkLength + 20));
                FinishIp(ip, size, ipv6: false, fragmentField: (more ? 0x2000 : 0) | (offset / 8));
                frames += WriteFrame(unixNs, 20 + size, ipv6: false);
            }
        }

        return frames;
    }

    private static void WriteIpHeader(Span<byte> ip, NetAddress source, NetAddress destination, byte protocol, byte ttl, uint ipId)
    {
        if (destination.IsIPv4)
        {
            ip[0] = 0x45;
            ip[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)ipId);
            ip[8] = ttl;
            ip[9] = protocol;
            BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source.V4);
            BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination.V4);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000u | (ipId & 0xFFFFF));
            ip[6] = protocol;
            ip[7] = ttl;
            source.WriteBytes(ip.Slice(8, 16));
            destination.WriteBytes(ip.Slice(24, 16));
        }
    }

    private static void FinishIp(Span<byte> ip, int payloadLength, bool ipv6, int fragmentField)
    {
        if (ipv6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payloadLength);
            return;
        }

        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], (ushort)fragmentField);
        ip[10] = 0;
        ip[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum.Compute(ip[..20]));
    }

    private static void FillChecksum(Span<byte> ip, Span<byte> transport, byte protocol, int offset, bool ipv6)
    {
        transport[offset] = 0;
        transport[offset + 1] = 0;
        ulong sum = 0;
        if (protocol != ProtoIcmp)
        {
            // Pseudo-header: addresses, protocol and transport length (RFC 793 / RFC 8200 8.1).
            sum = ipv6 ? Checksum.Add(0, ip.Slice(8, 32)) : Checksum.Add(0, ip.Slice(12, 8));
            sum += protocol;
            sum += (ulong)transport.Length;
        }

        var value = Checksum.Fold(Checksum.Add(sum, transport));
        if (value == 0 && protocol == ProtoUdp)
        {
            value = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(transport[offset..], value);
    }

    private int WriteFrame(long unixNs, int ipBytes, bool ipv6)
    {
        if (_linkLength != 0)
        {
            var eth = _frame.AsSpan(0, 14);
            RouterMac.CopyTo(eth);
            UpstreamMac.CopyTo(eth[6..]);
            BinaryPrimitives.WriteUInt16BigEndian(eth[12..], ipv6 ? (ushort)0x86DD : (ushort)0x0800);
        }

        _writer.Write(unixNs, _frame.AsSpan(0, _linkLength + ipBytes));
        return 1;
    }
}
