using System.Buffers.Binary;

namespace Breakwater.IntegrationTests.Support;

/// <summary>Writes a little-endian microsecond pcap by hand, for inputs no tool makes (odd link types, broken headers).</summary>
public static class MiniPcap
{
    public static byte[] Header(uint linkType, uint snapLength = 65535)
    {
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), linkType);
        return header;
    }

    public static byte[] Record(ReadOnlySpan<byte> frame, uint seconds, uint micros, uint? originalLength = null, uint? capturedLength = null)
    {
        var record = new byte[16 + frame.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), micros);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), capturedLength ?? (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), originalLength ?? (uint)frame.Length);
        frame.CopyTo(record.AsSpan(16));
        return record;
    }

    /// <summary>A raw-IPv4 (link type 101) UDP packet from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static byte[] RawUdp(uint source, uint destination, ushort sourcePort, ushort destinationPort, int payloadLength)
    {
        var packet = new byte[28 + payloadLength];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), source);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), destination);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(8 + payloadLength));
        return packet;
    }

    /// <summary>An Ethernet frame carrying <paramref name="ipPacket"/> (IPv4 or IPv6 by its version nibble).</summary>
    public static byte[] Ethernet(byte[] ipPacket)
    {
        var frame = new byte[14 + ipPacket.Length];
        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[11] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), (ipPacket[0] >> 4) == 6 ? (ushort)0x86DD : (ushort)0x0800);
        ipPacket.CopyTo(frame, 14);
        return frame;
    }

    /// <summary>A raw IPv4 TCP segment with the given flags and payload length.</summary>
    public static byte[] RawTcp(uint source, uint destination, ushort sourcePort, ushort destinationPort, byte flags, int payloadLength)
    {
        var packet = new byte[40 + payloadLength];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), source);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), destination);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), destinationPort);
        packet[32] = 0x50;
        packet[33] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), 65535);
        return packet;
    }

    /// <summary>A raw IPv6 UDP datagram.</summary>
    public static byte[] RawUdp6(byte[] source, byte[] destination, ushort sourcePort, ushort destinationPort, int payloadLength)
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
