using System.Globalization;
using System.Text;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// One component of a FlowSpec rule: a prefix (destination or source; IPv6 may start matching at a bit offset) or a list
/// of operands (OR-ed, with AND binding tighter as in RFC 8955 §4.2.1).
/// </summary>
public sealed record FlowSpecComponent
{
    private FlowSpecComponent(FlowSpecComponentType type, BgpPrefix prefix, int offset, IReadOnlyList<FlowSpecOperand> operands)
    {
        Type = type;
        Prefix = prefix;
        PrefixOffset = offset;
        Operands = operands;
    }

    public FlowSpecComponentType Type { get; }

    public BgpPrefix Prefix { get; }

    public int PrefixOffset { get; }

    public IReadOnlyList<FlowSpecOperand> Operands { get; }

    public bool IsPrefix => Type is FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix;

    public bool IsBitmask => FlowSpecComponentView.IsBitmask(Type);

    public static FlowSpecComponent Destination(BgpPrefix prefix, int offset = 0) =>
        new(FlowSpecComponentType.DestinationPrefix, ClearBefore(prefix, offset), offset, []);

    public static FlowSpecComponent Source(BgpPrefix prefix, int offset = 0) =>
        new(FlowSpecComponentType.SourcePrefix, ClearBefore(prefix, offset), offset, []);

    public static FlowSpecComponent Of(FlowSpecComponentType type, params FlowSpecOperand[] operands)
    {
        if (type is FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix)
        {
            throw new ArgumentException("prefix components take a prefix", nameof(type));
        }

        if (operands is null || operands.Length == 0)
        {
            throw new ArgumentException("a component needs at least one operand", nameof(operands));
        }

        return new FlowSpecComponent(type, default, 0, operands);
    }

    /// <summary>An IPv6 offset component matches only the bits from the offset on (RFC 8956 §3.1): the rest are not carried.</summary>
    private static BgpPrefix ClearBefore(BgpPrefix prefix, int offset)
    {
        if (offset == 0)
        {
            return prefix;
        }

        if (prefix.IsIPv4 || offset > prefix.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "an offset applies to IPv6 prefixes and cannot pass the length");
        }

        Span<byte> bytes = stackalloc byte[16];
        prefix.Address.WriteBytes(bytes);
        for (var bit = 0; bit < offset; bit++)
        {
            bytes[bit >> 3] &= (byte)~(0x80 >> (bit & 7));
        }

        return new BgpPrefix(NetAddress.FromV6(bytes), prefix.Length);
    }

    /// <summary>Octets this component takes on the wire.</summary>
    public int EncodedLength(bool ipv6)
    {
        if (IsPrefix)
        {
            return (ipv6 ? 3 : 2) + ((Prefix.Length - PrefixOffset + 7) / 8);
        }

        var length = 1;
        foreach (var operand in Operands)
        {
            length += 1 + operand.ValueLength;
        }

        return length;
    }

    public int Write(Span<byte> destination, bool ipv6)
    {
        destination[0] = (byte)Type;
        if (IsPrefix)
        {
            destination[1] = (byte)Prefix.Length;
            var at = 2;
            if (ipv6)
            {
                destination[at++] = (byte)PrefixOffset;
            }

            Span<byte> address = stackalloc byte[16];
            Prefix.Address.WriteBytes(address);
            var bits = ipv6 ? address : address[12..];
            var count = (Prefix.Length - PrefixOffset + 7) / 8;
            var pattern = destination.Slice(at, count);
            pattern.Clear();
            for (var i = 0; i < Prefix.Length - PrefixOffset; i++)
            {
                var source = PrefixOffset + i;
                if ((bits[source >> 3] & (0x80 >> (source & 7))) != 0)
                {
                    pattern[i >> 3] |= (byte)(0x80 >> (i & 7));
                }
            }

            return at + count;
        }

        var offset = 1;
        for (var i = 0; i < Operands.Count; i++)
        {
            var operand = Operands[i];
            var size = operand.ValueLength;
            var lengthBits = size switch { 1 => 0x00, 2 => 0x10, 4 => 0x20, _ => 0x30 };
            var end = i == Operands.Count - 1 ? FlowSpecOperand.EndOfList : 0;
            // The first operand's AND bit is meaningless (RFC 8955 §4.2.1.1): always clear it.
            var op = i == 0 ? operand.Operator & ~FlowSpecOperand.And : operand.Operator;
            destination[offset++] = (byte)(op | lengthBits | end);
            for (var b = size - 1; b >= 0; b--)
            {
                destination[offset++] = (byte)(operand.Value >> (b * 8));
            }
        }

        return offset;
    }

    /// <summary>Builds the model of a checked component view.</summary>
    public static FlowSpecComponent FromView(FlowSpecComponentView view, bool ipv6)
    {
        if (view.IsPrefix)
        {
            Span<byte> bits = stackalloc byte[16];
            bits.Clear();
            for (var i = 0; i < view.PrefixLength - view.PrefixOffset; i++)
            {
                if ((view.Pattern[i >> 3] & (0x80 >> (i & 7))) != 0)
                {
                    var target = view.PrefixOffset + i;
                    bits[target >> 3] |= (byte)(0x80 >> (target & 7));
                }
            }

            var prefix = BgpPrefix.FromBytes(bits[..(ipv6 ? 16 : 4)], view.PrefixLength, ipv6);
            return new FlowSpecComponent(view.Type, prefix, view.PrefixOffset, []);
        }

        var operands = new List<FlowSpecOperand>();
        var reader = new FlowSpecOperandReader(view.Operands);
        while (reader.TryRead(out var operand))
        {
            operands.Add(operand);
        }

        return new FlowSpecComponent(view.Type, default, 0, operands);
    }

    public bool Equals(FlowSpecComponent? other) =>
        other is not null && Type == other.Type && Prefix == other.Prefix && PrefixOffset == other.PrefixOffset
        && Operands.SequenceEqual(other.Operands);

    public override int GetHashCode() => HashCode.Combine(Type, Prefix, PrefixOffset, Operands.Count);

    public override string ToString()
    {
        var name = Type switch
        {
            FlowSpecComponentType.DestinationPrefix => "destination",
            FlowSpecComponentType.SourcePrefix => "source",
            FlowSpecComponentType.IpProtocol => "protocol",
            FlowSpecComponentType.Port => "port",
            FlowSpecComponentType.DestinationPort => "destination-port",
            FlowSpecComponentType.SourcePort => "source-port",
            FlowSpecComponentType.IcmpType => "icmp-type",
            FlowSpecComponentType.IcmpCode => "icmp-code",
            FlowSpecComponentType.TcpFlags => "tcp-flags",
            FlowSpecComponentType.PacketLength => "packet-length",
            FlowSpecComponentType.Dscp => "dscp",
            FlowSpecComponentType.Fragment => "fragment",
            _ => "flow-label",
        };
        if (IsPrefix)
        {
            return PrefixOffset == 0
                ? $"{name} {Prefix}"
                : $"{name} {Prefix} offset {PrefixOffset.ToString(CultureInfo.InvariantCulture)}";
        }

        var text = new StringBuilder(name).Append(' ');
        for (var i = 0; i < Operands.Count; i++)
        {
            if (i > 0)
            {
                text.Append(Operands[i].IsAnd ? "&" : ",");
            }

            text.Append(Operands[i].ToString(IsBitmask, Type));
        }

        return text.ToString();
    }
}
