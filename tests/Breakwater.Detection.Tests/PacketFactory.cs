using System.Buffers.Binary;
using System.Text;
using Breakwater.Wire;

namespace Breakwater.Detection.Tests;

/// <summary>Builds traffic records shaped like what the pcap decoder produces for common attack packets.</summary>
internal static class PacketFactory
{
    public const int Ipv4Header = 20;

    /// <summary>A pseudo-random IPv4 address per index, spread over the whole space (bogons included).</summary>
    public static NetAddress RandomV4(long i) => NetAddress.FromV4((uint)(Mix((ulong)i) >> 32));

    /// <summary>One of <paramref name="count"/> bot addresses in 198.18.0.0/15.</summary>
    public static NetAddress Bot(long i, int count) => NetAddress.FromV4(0xC6120000u + (uint)(i % count));

    public static Packet Tcp(
        string destination, TcpFlags flags, long i, ushort dstPort = 80, ushort? srcPort = null, int payload = 0,
        byte options = 0, ushort window = 64240, byte ttl = 64, NetAddress? source = null)
    {
        var dst = NetAddress.Parse(destination);
        var v6 = !dst.IsIPv4;
        var r = Base(dst, 6, source ?? (v6 ? RandomV6(i) : RandomV4(i)), (ulong)((v6 ? 40 : Ipv4Header) + 20 + options + payload), ttl);
        r.TcpFlags = flags;
        r.SourcePort = srcPort ?? (ushort)(1024 + (Mix((ulong)i) % 60000));
        r.DestinationPort = dstPort;
        r.TcpOptionsLength = options;
        r.TcpWindow = window;
        r.PayloadLength = (ushort)payload;
        return new Packet(r, new byte[Math.Min(payload, 64)]);
    }

    public static Packet Udp(string destination, long i, ushort dstPort, ushort? srcPort = null, byte[]? payload = null, int payloadLength = 64,
        NetAddress? source = null, byte ttl = 64)
    {
        var dst = NetAddress.Parse(destination);
        var v6 = !dst.IsIPv4;
        var length = payload?.Length ?? payloadLength;
        var r = Base(dst, 17, source ?? (v6 ? RandomV6(i) : RandomV4(i)), (ulong)((v6 ? 40 : Ipv4Header) + 8 + length), ttl);
        r.SourcePort = srcPort ?? (ushort)(1024 + (Mix((ulong)i) % 60000));
        r.DestinationPort = dstPort;
        r.PayloadLength = (ushort)length;
        return new Packet(r, payload ?? new byte[Math.Min(length, 64)]);
    }

    public static Packet Icmp(string destination, long i, int payload = 56)
    {
        var dst = NetAddress.Parse(destination);
        var v6 = !dst.IsIPv4;
        var r = Base(dst, v6 ? (byte)58 : (byte)1, v6 ? RandomV6(i) : RandomV4(i), (ulong)((v6 ? 40 : Ipv4Header) + 8 + payload), 64);
        r.IcmpType = v6 ? (byte)128 : (byte)8;
        r.PayloadLength = (ushort)payload;
        return new Packet(r, new byte[Math.Min(payload, 64)]);
    }

    /// <summary>Mirai greip: outer IPv4 + GRE (4) + inner IPv4 + UDP + 512 bytes.</summary>
    public static Packet GreUdp(string destination, long i, ushort innerDstPort = 53)
    {
        var r = Base(NetAddress.Parse(destination), 47, RandomV4(i), Ipv4Header + 4 + Ipv4Header + 8 + 512, 64);
        r.Flags |= RecordFlags.GreInnerDecoded;
        r.InnerKind = GreInnerKind.IPv4;
        r.InnerProtocol = 17;
        r.InnerSourcePort = (ushort)(1024 + (Mix((ulong)i) % 60000));
        r.InnerDestinationPort = innerDstPort;
        r.InnerDestination = NetAddress.Parse(destination);
        r.PayloadLength = 4 + Ipv4Header + 8 + 512;
        return new Packet(r, new byte[64]);
    }

    /// <summary>A later fragment (non-zero offset) of a UDP datagram: no ports.</summary>
    public static Packet LaterFragment(string destination, long i)
    {
        var r = Base(NetAddress.Parse(destination), 17, RandomV4(i), 1500, 64);
        r.Flags |= RecordFlags.Fragment | RecordFlags.LaterFragment;
        r.PayloadLength = 1480;
        return new Packet(r, new byte[64]);
    }

    public static Packet IpProtocol(string destination, long i, byte protocol)
    {
        var r = Base(NetAddress.Parse(destination), protocol, RandomV4(i), 100, 64);
        r.PayloadLength = 80;
        return new Packet(r, new byte[64]);
    }

    public static byte[] VsePayload() => [0xFF, 0xFF, 0xFF, 0xFF, .. "TSource Engine Query"u8, 0];

    /// <summary>A DNS query (RFC 1035): 12-byte header with RD set, QDCOUNT 1, then the name, type A, class IN.</summary>
    public static byte[] DnsQuery(string name, ushort id = 0x1234)
    {
        var bytes = new List<byte>();
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), 0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        bytes.AddRange(header);
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange([0, 0, 1, 0, 1]);
        return [.. bytes];
    }

    public static NetAddress RandomV6(long i)
    {
        var m = Mix((ulong)i);
        return new NetAddress(0x2001_0DB8_0000_0000UL | (m >> 48), Mix(m));
    }

    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static TrafficRecord Base(NetAddress destination, byte protocol, NetAddress source, ulong bytes, byte ttl)
    {
        var r = new TrafficRecord
        {
            Source = source,
            Destination = destination,
            Packets = 1,
            Bytes = bytes,
            SamplingRate = 1,
            FrameLength = (uint)bytes + 14,
            Protocol = protocol,
            Ttl = ttl,
        };
        if (!destination.IsIPv4)
        {
            r.Flags |= RecordFlags.IPv6;
        }

        return r;
    }
}
