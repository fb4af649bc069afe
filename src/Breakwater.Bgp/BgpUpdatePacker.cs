using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

/// <summary>
/// Turns queued route changes into as few UPDATEs as fit in 4096 octets: withdrawals per family, announcements per
/// family and attribute set (next hop, communities, FlowSpec actions). The last change of a route wins.
/// </summary>
internal static class BgpUpdatePacker
{
    public static List<BgpUpdate> Pack(IEnumerable<BgpRouteChange> changes, uint localAs, bool external, bool fourOctetAs)
    {
        var last = new Dictionary<string, BgpRouteChange>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            last[change.Route.Key] = change;
        }

        var updates = new List<BgpUpdate>();
        foreach (var group in last.Values.Where(c => c.Withdraw).GroupBy(c => c.Route.Family))
        {
            Fill(group.Select(c => c.Route).ToList(), routes => Withdrawal(group.Key, routes), fourOctetAs, updates);
        }

        foreach (var group in last.Values.Where(c => !c.Withdraw).GroupBy(c => c.Route.AttributeKey, StringComparer.Ordinal))
        {
            Fill(group.Select(c => c.Route).ToList(), routes => Announcement(routes, localAs, external), fourOctetAs, updates);
        }

        return updates;
    }

    public static BgpUpdate Withdrawal(BgpFamily family, IReadOnlyList<BgpRoute> routes) => family == BgpFamily.Ipv4Unicast
        ? new BgpUpdate { Withdrawn = routes.Select(r => r.Prefix!.Value).ToList() }
        : new BgpUpdate
        {
            MpUnreach = new BgpMpUnreach(family, routes.Where(r => r.Prefix is not null).Select(r => r.Prefix!.Value).ToList(),
                routes.Where(r => r.Rule is not null).Select(r => r.Rule!).ToList()),
        };

    public static BgpUpdate Announcement(IReadOnlyList<BgpRoute> routes, uint localAs, bool external)
    {
        var first = routes[0];
        var family = first.Family;
        var asPath = external ? new[] { localAs } : [];
        uint? localPref = external ? null : 100;
        if (family == BgpFamily.Ipv4Unicast)
        {
            return new BgpUpdate
            {
                AsPath = asPath,
                LocalPref = localPref,
                NextHop = first.NextHop,
                Communities = first.Communities,
                Nlri = routes.Select(r => r.Prefix!.Value).ToList(),
            };
        }

        var reach = family.IsFlowSpec
            ? BgpMpReach.FlowSpec(family, routes.Select(r => r.Rule!).ToList())
            : BgpMpReach.Unicast(family, first.NextHop!.Value, routes.Select(r => r.Prefix!.Value).ToList());
        return new BgpUpdate
        {
            AsPath = asPath,
            LocalPref = localPref,
            Communities = first.Communities,
            ExtendedCommunities = first.ExtendedCommunities,
            MpReach = reach,
        };
    }

    private static void Fill(List<BgpRoute> routes, Func<IReadOnlyList<BgpRoute>, BgpUpdate> build, bool fourOctetAs, List<BgpUpdate> updates)
    {
        var overhead = build([routes[0]]).MeasureLength(fourOctetAs) - NlriLength(routes[0]);
        var batch = new List<BgpRoute>();
        var length = overhead;
        foreach (var route in routes)
        {
            var size = NlriLength(route);
            if (batch.Count > 0 && length + size > BgpFraming.MaxMessageLength)
            {
                updates.Add(build(batch));
                batch = [];
                length = overhead;
            }

            batch.Add(route);
            length += size;
        }

        if (batch.Count > 0)
        {
            updates.Add(build(batch));
        }
    }

    private static int NlriLength(BgpRoute route) => route.Prefix is { } prefix ? 1 + prefix.ByteCount : route.Rule!.EncodedLength;
}
