namespace Breakwater.Wire.Bgp;

/// <summary>
/// Walks FlowSpec NLRIs (RFC 8955 §4, RFC 8956 §3) without allocating. An NLRI is a length (one octet below 240,
/// else two octets 0xFnnn) followed by components in strictly increasing type order:
/// <code>
/// IPv4 prefix:  type(1) length(1) prefix(ceil(length/8))
/// IPv6 prefix:  type(1) length(1) offset(1) pattern(ceil((length-offset)/8))
/// operands:     type(1) { op(1) value(1|2|4|8) }* up to the op with the end-of-list bit
/// </code>
/// </summary>
public ref struct FlowSpecNlriReader
{
    private readonly bool _ipv6;
    private ReadOnlySpan<byte> _rest;

    public FlowSpecNlriReader(ReadOnlySpan<byte> field, bool ipv6)
    {
        _rest = field;
        _ipv6 = ipv6;
    }

    public FlowSpecFault Fault { get; private set; }

    /// <summary>Bytes of the field not yet read.</summary>
    public readonly int Remaining => _rest.Length;

    /// <summary>Takes the next NLRI's component bytes (length prefix removed). False at the end or on a framing fault.</summary>
    public bool TryReadNlri(out ReadOnlySpan<byte> components)
    {
        components = default;
        if (_rest.IsEmpty)
        {
            return false;
        }

        int length;
        int header;
        if (_rest[0] < 0xF0)
        {
            (length, header) = (_rest[0], 1);
        }
        else if (_rest.Length >= 2)
        {
            (length, header) = (((_rest[0] & 0x0F) << 8) | _rest[1], 2);
        }
        else
        {
            Fault = FlowSpecFault.Truncated;
            return false;
        }

        if (_rest.Length < header + length)
        {
            Fault = FlowSpecFault.Truncated;
            return false;
        }

        components = _rest.Slice(header, length);
        _rest = _rest[(header + length)..];
        return true;
    }

    /// <summary>Checks one NLRI's components: order, known types, prefix bounds, operator bits and value lengths.</summary>
    public static FlowSpecFault Validate(ReadOnlySpan<byte> components, bool ipv6)
    {
        if (components.IsEmpty)
        {
            return FlowSpecFault.Empty;
        }

        var reader = new FlowSpecComponentReader(components, ipv6);
        while (reader.TryRead(out _))
        {
        }

        return reader.Fault;
    }
}
