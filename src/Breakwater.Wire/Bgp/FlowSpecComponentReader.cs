namespace Breakwater.Wire.Bgp;

/// <summary>Walks the components of one FlowSpec NLRI, checking each as it goes.</summary>
public ref struct FlowSpecComponentReader
{
    private readonly bool _ipv6;
    private ReadOnlySpan<byte> _rest;
    private int _lastType;

    public FlowSpecComponentReader(ReadOnlySpan<byte> components, bool ipv6)
    {
        _rest = components;
        _ipv6 = ipv6;
    }

    public FlowSpecFault Fault { get; private set; }

    public bool TryRead(out FlowSpecComponentView component)
    {
        component = default;
        if (_rest.IsEmpty || Fault != FlowSpecFault.None)
        {
            return false;
        }

        var type = _rest[0];
        if (type <= _lastType)
        {
            return Fail(FlowSpecFault.BadOrder);
        }

        if (type is 0 or > 13 || (type == 13 && !_ipv6))
        {
            return Fail(FlowSpecFault.UnknownType);
        }

        _lastType = type;
        if (type is 1 or 2)
        {
            return ReadPrefix((FlowSpecComponentType)type, out component);
        }

        var bitmask = FlowSpecComponentView.IsBitmask((FlowSpecComponentType)type);
        var at = 1;
        while (true)
        {
            if (at >= _rest.Length)
            {
                return Fail(FlowSpecFault.ComponentTruncated);
            }

            var op = _rest[at];
            var size = 1 << ((op & FlowSpecOperand.LengthMask) >> 4);
            var reserved = bitmask ? 0x0C : 0x08;
            if ((op & reserved) != 0 || (bitmask && size > 2 && type == 9) || (type == 12 && size > 1))
            {
                return Fail(FlowSpecFault.BadOperator);
            }

            if (at + 1 + size > _rest.Length)
            {
                return Fail(FlowSpecFault.ComponentTruncated);
            }

            at += 1 + size;
            if ((op & FlowSpecOperand.EndOfList) != 0)
            {
                break;
            }
        }

        component = new FlowSpecComponentView((FlowSpecComponentType)type, 0, 0, default, _rest[1..at]);
        _rest = _rest[at..];
        return true;
    }

    private bool ReadPrefix(FlowSpecComponentType type, out FlowSpecComponentView component)
    {
        component = default;
        var header = _ipv6 ? 3 : 2;
        if (_rest.Length < header)
        {
            return Fail(FlowSpecFault.ComponentTruncated);
        }

        int length = _rest[1];
        var offset = _ipv6 ? _rest[2] : 0;
        if (length > (_ipv6 ? 128 : 32) || offset > length)
        {
            return Fail(FlowSpecFault.BadPrefix);
        }

        var bytes = (length - offset + 7) / 8;
        if (_rest.Length < header + bytes)
        {
            return Fail(FlowSpecFault.ComponentTruncated);
        }

        component = new FlowSpecComponentView(type, length, offset, _rest.Slice(header, bytes), default);
        _rest = _rest[(header + bytes)..];
        return true;
    }

    private bool Fail(FlowSpecFault fault)
    {
        Fault = fault;
        _rest = default;
        return false;
    }
}
