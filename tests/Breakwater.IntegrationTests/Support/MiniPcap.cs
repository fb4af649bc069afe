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
}
