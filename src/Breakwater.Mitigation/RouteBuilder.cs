using System.Globalization;
using Breakwater.Configuration;
using Breakwater.Bgp;
using Breakwater.Wire.Bgp;

namespace Breakwater.Mitigation;

/// <summary>The BGP routes of a mitigation: one blackhole route, or one FlowSpec route per rule with the configured action.</summary>
public static class RouteBuilder
{
    /// <summary>BLACKHOLE (RFC 7999), always on blackhole routes.</summary>
    public const uint BlackholeCommunity = (65535u << 16) | 666;

    public static IReadOnlyList<BgpRoute> Routes(MitigationRecord record, MitigationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(settings);
        if (record.Kind == MitigationKinds.Blackhole)
        {
            var prefix = BgpPrefix.Parse(record.Prefix);
            var communities = new List<uint> { BlackholeCommunity };
            communities.AddRange(settings.Blackhole.Communities.Where(c => c != BlackholeCommunity));
            return [BgpRoute.Unicast(prefix, prefix.IsIPv4 ? settings.Blackhole.NextHop : settings.Blackhole.NextHop6, communities)];
        }

        if (record.Kind != MitigationKinds.FlowSpec)
        {
            return [];
        }

        var actions = Actions(settings.FlowSpec);
        return [.. record.Rules.Select(r => BgpRoute.FlowSpec(FlowSpecTranslator.ToRule(r.Flowspec), actions)).DistinctBy(r => r.Key)];
    }

    public static IReadOnlyList<ulong> Actions(FlowSpecSettings flowspec)
    {
        ArgumentNullException.ThrowIfNull(flowspec);
        switch (flowspec.Action)
        {
            case "rate-limit":
                return [FlowSpecAction.TrafficRate(0, (float)flowspec.RateBytes)];
            case "mark":
                return [FlowSpecAction.MarkDscp((byte)flowspec.Dscp)];
            case "redirect":
                var parts = flowspec.Redirect!.Split(':');
                var asn = uint.Parse(parts[0], CultureInfo.InvariantCulture);
                var value = uint.Parse(parts[1], CultureInfo.InvariantCulture);
                return [asn <= ushort.MaxValue ? FlowSpecAction.Redirect((ushort)asn, value) : FlowSpecAction.Redirect4(asn, (ushort)value)];
            default:
                return [FlowSpecAction.Discard];
        }
    }

    /// <summary>The action as the record shows it.</summary>
    public static string Describe(string kind, FlowSpecSettings flowspec) =>
        kind == MitigationKinds.Blackhole ? "blackhole"
        : kind == MitigationKinds.Nftables ? "drop"
        : string.Join(", ", Actions(flowspec).Select(FlowSpecAction.Describe));
}
