using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// Walks a path attribute field without allocating:
/// <code>flags(1) type(1) length(1, or 2 with the extended-length flag) value(length)</code>
/// Stops with <see cref="Overrun"/> set when an attribute runs past the field (RFC 7606 §4).
/// </summary>
public ref struct BgpAttributeReader
{
    private readonly ReadOnlySpan<byte> _field;
    private int _at;

    public BgpAttributeReader(ReadOnlySpan<byte> field) => _field = field;

    public bool Overrun { get; private set; }

    /// <summary>Offset within the field where the overrunning attribute starts.</summary>
    public readonly int Position => _at;

    public bool TryRead(out BgpAttributeView attribute)
    {
        attribute = default;
        if (_at >= _field.Length || Overrun)
        {
            return false;
        }

        var rest = _field[_at..];
        if (rest.Length < 3)
        {
            Overrun = true;
            return false;
        }

        var flags = rest[0];
        var extended = (flags & BgpAttributeFlags.ExtendedLength) != 0;
        var header = extended ? 4 : 3;
        if (rest.Length < header)
        {
            Overrun = true;
            return false;
        }

        var length = extended ? BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) : rest[2];
        if (rest.Length < header + length)
        {
            Overrun = true;
            return false;
        }

        attribute = new BgpAttributeView(flags, rest[1], rest.Slice(header, length), _at);
        _at += header + length;
        return true;
    }
}
