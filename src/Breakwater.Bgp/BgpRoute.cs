using Breakwater.Wire;
using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

/// <summary>
/// What the speaker announces: a unicast prefix (blackhole: next hop and communities) or a FlowSpec rule (actions as
/// extended communities). <see cref="Key"/> identifies the NLRI; announcing the same key again replaces it.
/// </summary>
public sealed record BgpRoute
{
    private BgpRoute(BgpFamily family, BgpPrefix? prefix, FlowSpecRule? rule, NetAddress? nextHop, IReadOnlyList<uint> communities, IReadOnlyList<ulong> extended)
    {
        Family = family;
        Prefix = prefix;
        Rule = rule;
        NextHop = nextHop;
        Communities = communities;
        ExtendedCommunities = extended;
        Key = family.Name + " " + (prefix?.ToString() ?? rule!.ToString());
    }

    public BgpFamily Family { get; }

    public BgpPrefix? Prefix { get; }

    public FlowSpecRule? Rule { get; }

    public NetAddress? NextHop { get; }

    public IReadOnlyList<uint> Communities { get; }

    public IReadOnlyList<ulong> ExtendedCommunities { get; }

    public string Key { get; }

    /// <summary>Attributes that decide which routes can share one UPDATE.</summary>
    internal string AttributeKey => $"{Family.Name}|{NextHop}|{string.Join(',', Communities)}|{string.Join(',', ExtendedCommunities)}";

    public static BgpRoute Unicast(BgpPrefix prefix, NetAddress nextHop, IReadOnlyList<uint> communities) =>
        new(prefix.IsIPv4 ? BgpFamily.Ipv4Unicast : BgpFamily.Ipv6Unicast, prefix, null, nextHop, communities, []);

    public static BgpRoute FlowSpec(FlowSpecRule rule, IReadOnlyList<ulong> actions)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new(rule.Family, null, rule, null, [], actions);
    }

    public bool Equals(BgpRoute? other) =>
        other is not null && Key == other.Key && NextHop == other.NextHop && Communities.SequenceEqual(other.Communities)
        && ExtendedCommunities.SequenceEqual(other.ExtendedCommunities);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Key;
}
