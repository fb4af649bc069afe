namespace Breakwater.Wire.Bgp;

/// <summary>
/// A FlowSpec NLRI (RFC 8955 for IPv4, RFC 8956 for IPv6): components in increasing type order, all of which a
/// packet must match. Actions travel separately, as extended communities (<see cref="FlowSpecAction"/>).
/// </summary>
public sealed record FlowSpecRule
{
    /// <summary>Above this an NLRI length no longer fits the two-octet form (RFC 8955 §4.1).</summary>
    public const int MaxNlriLength = 4095;

    public FlowSpecRule(bool isIPv6, IEnumerable<FlowSpecComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        IsIPv6 = isIPv6;
        var list = components.OrderBy(c => c.Type).ToList();
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Type == list[i - 1].Type)
            {
                throw new ArgumentException($"component {list[i].Type} appears twice", nameof(components));
            }
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("a rule needs at least one component", nameof(components));
        }

        if (!isIPv6 && list.Any(c => c.Type == FlowSpecComponentType.FlowLabel))
        {
            throw new ArgumentException("flow label is an IPv6 component", nameof(components));
        }

        Components = list;
    }

    public bool IsIPv6 { get; }

    public IReadOnlyList<FlowSpecComponent> Components { get; }

    public BgpFamily Family => IsIPv6 ? BgpFamily.Ipv6FlowSpec : BgpFamily.Ipv4FlowSpec;

    /// <summary>Octets of the NLRI including its length prefix.</summary>
    public int EncodedLength
    {
        get
        {
            var body = ComponentLength();
            return body + (body < 240 ? 1 : 2);
        }
    }

    public int Write(Span<byte> destination)
    {
        var body = ComponentLength();
        if (body > MaxNlriLength)
        {
            throw new InvalidOperationException($"FlowSpec NLRI of {body} octets exceeds {MaxNlriLength}");
        }

        int at;
        if (body < 240)
        {
            destination[0] = (byte)body;
            at = 1;
        }
        else
        {
            destination[0] = (byte)(0xF0 | (body >> 8));
            destination[1] = (byte)body;
            at = 2;
        }

        foreach (var component in Components)
        {
            at += component.Write(destination[at..], IsIPv6);
        }

        return at;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[EncodedLength];
        Write(bytes);
        return bytes;
    }

    /// <summary>Decodes the first NLRI of <paramref name="field"/>; <paramref name="consumed"/> says how far it reached.</summary>
    public static bool TryParse(ReadOnlySpan<byte> field, bool ipv6, out FlowSpecRule? rule, out int consumed, out FlowSpecFault fault)
    {
        rule = null;
        consumed = 0;
        var reader = new FlowSpecNlriReader(field, ipv6);
        if (!reader.TryReadNlri(out var body))
        {
            fault = field.IsEmpty ? FlowSpecFault.Empty : reader.Fault;
            return false;
        }

        consumed = field.Length - reader.Remaining;
        fault = FlowSpecNlriReader.Validate(body, ipv6);
        if (fault != FlowSpecFault.None)
        {
            return false;
        }

        var components = new List<FlowSpecComponent>();
        var walker = new FlowSpecComponentReader(body, ipv6);
        while (walker.TryRead(out var view))
        {
            components.Add(FlowSpecComponent.FromView(view, ipv6));
        }

        rule = new FlowSpecRule(ipv6, components);
        return true;
    }

    public bool Equals(FlowSpecRule? other) => other is not null && IsIPv6 == other.IsIPv6 && Components.SequenceEqual(other.Components);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsIPv6);
        foreach (var component in Components)
        {
            hash.Add(component.GetHashCode());
        }

        return hash.ToHashCode();
    }

    public override string ToString() => (IsIPv6 ? "flow6 { " : "flow4 { ") + string.Join("; ", Components) + " }";

    private int ComponentLength()
    {
        var length = 0;
        foreach (var component in Components)
        {
            length += component.EncodedLength(IsIPv6);
        }

        return length;
    }
}
