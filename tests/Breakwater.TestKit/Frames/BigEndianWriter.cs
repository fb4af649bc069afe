using System.Buffers.Binary;

namespace Breakwater.TestKit.Frames;

/// <summary>Hand-assembles flow datagrams field by field, as the RFC diagrams draw them.</summary>
public sealed class BigEndianWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public BigEndianWriter U8(int value)
    {
        _bytes.Add((byte)value);
        return this;
    }

    public BigEndianWriter U16(int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        _bytes.AddRange(b);
        return this;
    }

    public BigEndianWriter U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _bytes.AddRange(b);
        return this;
    }

    public BigEndianWriter U64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        _bytes.AddRange(b);
        return this;
    }

    public BigEndianWriter Ip(string address)
    {
        _bytes.AddRange(System.Net.IPAddress.Parse(address).GetAddressBytes());
        return this;
    }

    public BigEndianWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Appends a (flow)set: id, length including the 4-byte header, then the body.</summary>
    public BigEndianWriter Set(int id, BigEndianWriter body)
    {
        U16(id).U16(body.Length + 4);
        _bytes.AddRange(body.ToArray());
        return this;
    }

    public byte[] ToArray() => [.. _bytes];
}
