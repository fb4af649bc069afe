namespace Breakwater.Wire.Bgp;

/// <summary>One path attribute as it lies in the buffer.</summary>
public readonly ref struct BgpAttributeView
{
    public BgpAttributeView(byte flags, byte type, ReadOnlySpan<byte> value, int offset)
    {
        Flags = flags;
        Type = type;
        Value = value;
        Offset = offset;
    }

    public byte Flags { get; }

    public byte Type { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Where the attribute starts within the path attribute field.</summary>
    public int Offset { get; }

    public bool IsOptional => (Flags & BgpAttributeFlags.Optional) != 0;

    public bool IsTransitive => (Flags & BgpAttributeFlags.Transitive) != 0;
}
