using Breakwater.Core;
using Breakwater.Wire.Bgp;

namespace Breakwater.Mitigation;

/// <summary>Turns the analysis document's FlowSpec match (<see cref="FlowSpecMatch"/>) into an RFC 8955/8956 NLRI.</summary>
public static class FlowSpecTranslator
{
    private static readonly string[] FlagNames = ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"];
    private static readonly string[] FragmentNames = ["dont-fragment", "is-fragment", "first-fragment", "last-fragment"];

    public static FlowSpecRule ToRule(FlowSpecMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var destination = BgpPrefix.Parse(match.Destination);
        var components = new List<FlowSpecComponent> { FlowSpecComponent.Destination(destination) };
        AddEquals(components, FlowSpecComponentType.IpProtocol, match.Protocol);
        AddEquals(components, FlowSpecComponentType.SourcePort, match.SourcePort);
        AddEquals(components, FlowSpecComponentType.DestinationPort, match.DestinationPort);
        AddEquals(components, FlowSpecComponentType.PacketLength, match.PacketLength);
        if (match.TcpFlags is { } flags)
        {
            components.Add(Bitmask(FlowSpecComponentType.TcpFlags, flags, FlagNames));
        }

        if (match.Fragment is { } fragment)
        {
            components.Add(Bitmask(FlowSpecComponentType.Fragment, fragment, FragmentNames));
        }

        return new FlowSpecRule(!destination.IsIPv4, components);
    }

    private static void AddEquals(List<FlowSpecComponent> components, FlowSpecComponentType type, IReadOnlyList<int>? values)
    {
        if (values is { Count: > 0 })
        {
            components.Add(FlowSpecComponent.Of(type, [.. values.Select(v => FlowSpecOperand.Equal((ulong)v))]));
        }
    }

    /// <summary>"syn&amp;!ack": all named bits set (match), then none of the negated ones (not, AND-ed).</summary>
    private static FlowSpecComponent Bitmask(FlowSpecComponentType type, string text, string[] names)
    {
        ulong set = 0, clear = 0;
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negated = part.StartsWith('!');
            var bit = Array.IndexOf(names, negated ? part[1..] : part);
            if (bit < 0)
            {
                throw new FormatException($"'{part}' is not a {(type == FlowSpecComponentType.TcpFlags ? "TCP flag" : "fragment bit")} name.");
            }

            if (negated)
            {
                clear |= 1UL << bit;
            }
            else
            {
                set |= 1UL << bit;
            }
        }

        var operands = new List<FlowSpecOperand>();
        if (set != 0)
        {
            operands.Add(FlowSpecOperand.Bitmask(set, match: true));
        }

        if (clear != 0)
        {
            operands.Add(FlowSpecOperand.Bitmask(clear, match: false, not: true, and: operands.Count > 0));
        }

        return FlowSpecComponent.Of(type, [.. operands]);
    }
}
