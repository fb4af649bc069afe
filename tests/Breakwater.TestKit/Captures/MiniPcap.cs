using System.Buffers.Binary;

namespace Breakwater.TestKit.Captures;

/// <summary>
/// Writes a little-endian microsecond pcap record by record, for inputs no tool makes (odd link types, broken headers)
/// and for captures too large to build in memory. Frames come from <see cref="Frames"/>.
/// </summary>
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
}
