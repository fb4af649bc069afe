namespace Breakwater.Wire.Bgp;

/// <summary>One component of a FlowSpec NLRI as it lies in the buffer: a prefix (length, IPv6 offset, pattern) or operands.</summary>
public readonly ref struct FlowSpecComponentView
{
    public FlowSpecComponentView(FlowSpecComponentType type, int prefixLength, int prefixOffset, ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> operands)
    {
        Type = type;
        PrefixLength = prefixLength;
        PrefixOffset = prefixOffset;
        Pattern = pattern;
        Operands = operands;
    }

    public FlowSpecComponentType Type { get; }

    public int PrefixLength { get; }

    public int PrefixOffset { get; }

    /// <summary>Prefix bits from the offset to the length, padded to whole octets (prefix components only).</summary>
    public ReadOnlySpan<byte> Pattern { get; }

    /// <summary>Operator/value pairs (operand components only); read them with <see cref="FlowSpecOperandReader"/>.</summary>
    public ReadOnlySpan<byte> Operands { get; }

    public bool IsPrefix => Type is FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix;

    public static bool IsBitmask(FlowSpecComponentType type) => type is FlowSpecComponentType.TcpFlags or FlowSpecComponentType.Fragment;
}
