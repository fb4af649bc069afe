using System.Buffers.Binary;

namespace Breakwater.TestKit.Captures;

/// <summary>
/// Writes pcapng files block by block, in either byte order, for inputs editcap does not make: big-endian sections,
/// power-of-2 timestamp resolutions, simple and obsolete packet blocks, unknown blocks, damaged lengths.
/// </summary>
public sealed class PcapngFileBuilder
{
    private readonly MemoryStream _output = new();
    private bool _bigEndian;

    /// <summary>Starts a section (and resets its interfaces) in the given byte order.</summary>
    public PcapngFileBuilder Section(bool bigEndian = false)
    {
        _bigEndian = bigEndian;
        var body = new byte[16];
        Write32(body, 0x1A2B3C4D);
        Write16(body.AsSpan(4), 1);
        Write16(body.AsSpan(6), 0);
        Write64(body.AsSpan(8), ulong.MaxValue);
        return Block(0x0A0D0D0A, body);
    }

    /// <summary>An interface; <paramref name="timestampResolution"/> is the raw if_tsresol byte (null: default microseconds).</summary>
    public PcapngFileBuilder Interface(ushort linkType, uint snapLength = 262_144, byte? timestampResolution = null)
    {
        var body = new List<byte>();
        var fixedPart = new byte[8];
        Write16(fixedPart, linkType);
        Write32(fixedPart.AsSpan(4), snapLength);
        body.AddRange(fixedPart);
        if (timestampResolution is { } resolution)
        {
            body.AddRange(Option(9, [resolution]));
            body.AddRange(new byte[4]);
        }

        return Block(1, [.. body]);
    }

    public PcapngFileBuilder Enhanced(uint interfaceId, ulong timestamp, ReadOnlySpan<byte> frame, uint? originalLength = null)
    {
        var body = new byte[20 + Pad(frame.Length)];
        Write32(body, interfaceId);
        Write32(body.AsSpan(4), (uint)(timestamp >> 32));
        Write32(body.AsSpan(8), (uint)timestamp);
        Write32(body.AsSpan(12), (uint)frame.Length);
        Write32(body.AsSpan(16), originalLength ?? (uint)frame.Length);
        frame.CopyTo(body.AsSpan(20));
        return Block(6, body);
    }

    public PcapngFileBuilder Simple(ReadOnlySpan<byte> frame, uint? originalLength = null)
    {
        var body = new byte[4 + Pad(frame.Length)];
        Write32(body, originalLength ?? (uint)frame.Length);
        frame.CopyTo(body.AsSpan(4));
        return Block(3, body);
    }

    /// <summary>Any block type with any body (obsolete packet blocks, statistics, custom blocks…).</summary>
    public PcapngFileBuilder Block(uint type, ReadOnlySpan<byte> body, uint? declaredLength = null, uint? trailingLength = null)
    {
        var padded = Pad(body.Length);
        var length = (uint)(12 + padded);
        var block = new byte[12 + padded];
        Write32(block, type);
        Write32(block.AsSpan(4), declaredLength ?? length);
        body.CopyTo(block.AsSpan(8));
        Write32(block.AsSpan(8 + padded), trailingLength ?? declaredLength ?? length);
        _output.Write(block);
        return this;
    }

    /// <summary>Raw bytes, for damaged files.</summary>
    public PcapngFileBuilder Bytes(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _output.ToArray();

    private static int Pad(int length) => (length + 3) & ~3;

    private byte[] Option(ushort code, byte[] value)
    {
        var option = new byte[4 + Pad(value.Length)];
        Write16(option, code);
        Write16(option.AsSpan(2), (ushort)value.Length);
        value.CopyTo(option, 4);
        return option;
    }

    private void Write64(Span<byte> span, ulong value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        }
    }

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
