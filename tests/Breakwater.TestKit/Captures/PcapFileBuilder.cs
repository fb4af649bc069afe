using System.Buffers.Binary;

namespace Breakwater.TestKit.Captures;

/// <summary>Writes classic pcap files from frames: any link type, either byte order, micro- or nanosecond stamps.</summary>
public sealed class PcapFileBuilder
{
    private readonly MemoryStream _records = new();
    private readonly uint _linkType;
    private readonly bool _bigEndian;
    private readonly bool _nanosecond;
    private readonly uint _snapLength;

    public PcapFileBuilder(uint linkType = 1, bool bigEndian = false, bool nanosecond = false, uint snapLength = 262_144)
    {
        _linkType = linkType;
        _bigEndian = bigEndian;
        _nanosecond = nanosecond;
        _snapLength = snapLength;
    }

    public int Count { get; private set; }

    /// <summary>Adds a frame; <paramref name="originalLength"/> defaults to its length, <paramref name="capturedLength"/> lets tests lie.</summary>
    public PcapFileBuilder Add(ReadOnlySpan<byte> frame, long timestampNanos, uint? originalLength = null, uint? capturedLength = null)
    {
        Span<byte> header = stackalloc byte[16];
        var seconds = (uint)(timestampNanos / 1_000_000_000);
        var fraction = (uint)(timestampNanos % 1_000_000_000);
        Write32(header, seconds);
        Write32(header[4..], _nanosecond ? fraction : fraction / 1000);
        Write32(header[8..], capturedLength ?? (uint)frame.Length);
        Write32(header[12..], originalLength ?? (uint)frame.Length);
        _records.Write(header);
        _records.Write(frame);
        Count++;
        return this;
    }

    public byte[] ToArray()
    {
        var header = new byte[24];
        Write32(header, _nanosecond ? 0xA1B23C4Du : 0xA1B2C3D4u);
        Write16(header.AsSpan(4), 2);
        Write16(header.AsSpan(6), 4);
        Write32(header.AsSpan(16), _snapLength);
        Write32(header.AsSpan(20), _linkType);
        return [.. header, .. _records.ToArray()];
    }

    public void WriteTo(string path) => File.WriteAllBytes(path, ToArray());

    /// <summary>Byte-swaps every header field of a little-endian classic pcap, giving the same capture as a big-endian writer.</summary>
    public static byte[] ToBigEndian(byte[] pcap)
    {
        ArgumentNullException.ThrowIfNull(pcap);
        if (BinaryPrimitives.ReadUInt32LittleEndian(pcap) is not (0xA1B2C3D4 or 0xA1B23C4D))
        {
            throw new ArgumentException("Expected a little-endian pcap.", nameof(pcap));
        }

        var swapped = (byte[])pcap.Clone();
        var span = swapped.AsSpan();
        Swap32(span);
        Swap16(span[4..]);
        Swap16(span[6..]);
        Swap32(span[8..]);
        Swap32(span[12..]);
        Swap32(span[16..]);
        Swap32(span[20..]);
        var offset = 24;
        while (offset + 16 <= span.Length)
        {
            var captured = BinaryPrimitives.ReadUInt32LittleEndian(span[(offset + 8)..]);
            for (var field = 0; field < 16; field += 4)
            {
                Swap32(span[(offset + field)..]);
            }

            offset += 16 + (int)captured;
        }

        return swapped;
    }

    private static void Swap32(Span<byte> span) =>
        BinaryPrimitives.WriteUInt32BigEndian(span, BinaryPrimitives.ReadUInt32LittleEndian(span));

    private static void Swap16(Span<byte> span) =>
        BinaryPrimitives.WriteUInt16BigEndian(span, BinaryPrimitives.ReadUInt16LittleEndian(span));

    private void Write32(Span<byte> span, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    private void Write16(Span<byte> span, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }
}
