namespace Breakwater.Wire.Bgp;

/// <summary>
/// MP_REACH_NLRI (RFC 4760 §3): routes of one family with their next hop. FlowSpec carries rules and no next hop
/// (RFC 8955 §4: next-hop length 0).
/// <code>AFI(2) SAFI(1) next-hop-length(1) next-hop(variable) reserved(1) NLRI(variable)</code>
/// </summary>
public sealed record BgpMpReach(BgpFamily Family, NetAddress? NextHop, IReadOnlyList<BgpPrefix> Prefixes, IReadOnlyList<FlowSpecRule> Rules)
{
    public static BgpMpReach Unicast(BgpFamily family, NetAddress nextHop, IReadOnlyList<BgpPrefix> prefixes) => new(family, nextHop, prefixes, []);

    public static BgpMpReach FlowSpec(BgpFamily family, IReadOnlyList<FlowSpecRule> rules) => new(family, null, [], rules);
}
