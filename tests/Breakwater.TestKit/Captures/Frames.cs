using System.Buffers.Binary;

namespace Breakwater.TestKit.Captures;

/// <summary>Small hand-built frames for tests that need one specific header shape.</summary>
public static class Frames
{
    /// <summary>An IPv4 UDP packet (no link header) with a valid total length.</summary>
    public static byte[] IPv4Udp(uint source, uint destination, ushort sourcePort, ushort destinationPort, int payloadLength, byte ttl = 64)
    {
        var packet = new byte[28 + payloadLength];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = ttl;
        packet[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), source);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), destination);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(8 + payloadLength));
        return packet;
    }

    /// <summary>An IPv4 TCP packet (no link header), 20-byte TCP header plus <paramref name="optionsLength"/>.</summary>
    public static byte[] IPv4Tcp(uint source, uint destination, ushort sourcePort, ushort destinationPort, byte flags, ushort window = 0,
        int optionsLength = 0, int payloadLength = 0)
    {
        var tcpLength = 20 + optionsLength;
        var packet = new byte[20 + tcpLength + payloadLength];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), source);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), destination);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), destinationPort);
        packet[32] = (byte)((tcpLength / 4) << 4);
        packet[33] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), window);
        return packet;
    }

    /// <summary>Wraps an IP packet in an Ethernet II header with the given EtherType (0x0800 or 0x86DD), padded to 60 bytes.</summary>
    public static byte[] Ethernet(ReadOnlySpan<byte> packet, ushort etherType = 0x0800)
    {
        var frame = new byte[Math.Max(60, 14 + packet.Length)];
        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[11] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        packet.CopyTo(frame.AsSpan(14));
        return frame;
    }

    /// <summary>An IPv6 UDP packet (no link header).</summary>
    public static byte[] IPv6Udp(byte[] source, byte[] destination, ushort sourcePort, ushort destinationPort, int payloadLength)
    {
        var packet = new byte[48 + payloadLength];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(8 + payloadLength));
        packet[6] = 17;
        packet[7] = 64;
        source.CopyTo(packet, 8);
        destination.CopyTo(packet, 24);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(40), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(42), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(44), (ushort)(8 + payloadLength));
        return packet;
    }
}
