using System.Globalization;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// One operator/value pair of a FlowSpec component (RFC 8955 §4.2.1). The operator byte is
/// <c>e a len 0 lt gt eq</c> for numeric components and <c>e a len 0 0 not m</c> for bitmask components; the end-of-list
/// and length bits are set by the encoder, so <see cref="Operator"/> keeps only the AND and comparison bits.
/// </summary>
public readonly record struct FlowSpecOperand(byte Operator, ulong Value)
{
    public const byte EndOfList = 0x80;
    public const byte And = 0x40;
    public const byte LengthMask = 0x30;
    public const byte Less = 0x04;
    public const byte Greater = 0x02;
    public const byte EqualBit = 0x01;
    public const byte Not = 0x02;
    public const byte Match = 0x01;

    public bool IsAnd => (Operator & And) != 0;

    /// <summary>Numeric operand: <paramref name="comparison"/> is a combination of <see cref="Less"/>, <see cref="Greater"/>, <see cref="EqualBit"/>.</summary>
    public static FlowSpecOperand Numeric(byte comparison, ulong value, bool and = false) =>
        new((byte)((comparison & 0x07) | (and ? And : 0)), value);

    public static FlowSpecOperand Equal(ulong value, bool and = false) => Numeric(EqualBit, value, and);

    /// <summary>Bitmask operand: <paramref name="match"/> means all bits of the value set, otherwise any; <paramref name="not"/> negates.</summary>
    public static FlowSpecOperand Bitmask(ulong value, bool match = false, bool not = false, bool and = false) =>
        new((byte)((match ? Match : 0) | (not ? Not : 0) | (and ? And : 0)), value);

    /// <summary>Octets the value takes on the wire: 1, 2, 4 or 8.</summary>
    public int ValueLength => Value switch
    {
        <= 0xFF => 1,
        <= 0xFFFF => 2,
        <= 0xFFFF_FFFF => 4,
        _ => 8,
    };

    public bool IsSatisfiedBy(ulong data, bool bitmask)
    {
        if (bitmask)
        {
            var hit = (Operator & Match) != 0 ? (data & Value) == Value : (data & Value) != 0;
            return (Operator & Not) != 0 ? !hit : hit;
        }

        return ((Operator & Less) != 0 && data < Value) || ((Operator & Greater) != 0 && data > Value) || ((Operator & EqualBit) != 0 && data == Value);
    }

    public string ToString(bool bitmask, FlowSpecComponentType type)
    {
        if (bitmask)
        {
            var not = (Operator & Not) != 0 ? "!" : string.Empty;
            var match = (Operator & Match) != 0 ? "=" : string.Empty;
            return not + match + (type == FlowSpecComponentType.TcpFlags ? TcpFlagNames(Value) : FragmentNames(Value));
        }

        var op = (Operator & 0x07) switch
        {
            0 => "false",
            EqualBit => "=",
            Less => "<",
            Greater => ">",
            Less | EqualBit => "<=",
            Greater | EqualBit => ">=",
            Less | Greater => "!=",
            _ => "true",
        };
        return op is "true" or "false" ? op : op + Value.ToString(CultureInfo.InvariantCulture);
    }

    private static string TcpFlagNames(ulong value)
    {
        ReadOnlySpan<string> names = ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"];
        var parts = new List<string>();
        for (var bit = 0; bit < 8; bit++)
        {
            if ((value & (1UL << bit)) != 0)
            {
                parts.Add(names[bit]);
            }
        }

        return value > 0xFF || parts.Count == 0 ? $"0x{value:x}" : string.Join('+', parts);
    }

    private static string FragmentNames(ulong value)
    {
        ReadOnlySpan<string> names = ["dont-fragment", "is-fragment", "first-fragment", "last-fragment"];
        var parts = new List<string>();
        for (var bit = 0; bit < 4; bit++)
        {
            if ((value & (1UL << bit)) != 0)
            {
                parts.Add(names[bit]);
            }
        }

        return value > 0x0F || parts.Count == 0 ? $"0x{value:x}" : string.Join('+', parts);
    }
}
