using System.Globalization;
using Breakwater.Core;
using Breakwater.Core.Forensics;
using Breakwater.Forensics.Geo;

namespace Breakwater.Forensics.Analysis;

/// <summary>
/// Are the source addresses the senders? Reflection vectors → <c>reflected</c> (the sources are real reflectors);
/// bogon or unrouted sources, a spread like random addresses, one or two packets per source, or random TTLs →
/// <c>forged</c>; routed sources sending many packets each with TTLs near real hop distances → <c>genuine</c>;
/// anything else → <c>unknown</c>. Every verdict lists its reasons.
/// </summary>
internal static class SpoofingAssessor
{
    /// <summary>Share of the IPv4 space in routed (ASN-bearing) ranges is roughly this; random addresses land there this often.</summary>
    private const int MinSourcesForSpread = 50;

    public static SpoofingReport Assess(IncidentReport incident, IncidentEvidence evidence, GeoInfo[] geo, GeoDatabase database, double routedSpaceShare)
    {
        var forged = new List<string>();
        var genuine = new List<string>();
        var facts = new List<string>();
        var sample = evidence.Sources;
        long sampled = 0, bogon = 0, unrouted = 0, sources = sample.Count, bogonSources = 0, unroutedSources = 0;
        var bogonKinds = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < sample.Count; i++)
        {
            var s = sample[i];
            sampled += s.Packets;
            if (AddressClass.Bogon(s.Address) is { } kind)
            {
                bogon += s.Packets;
                bogonSources++;
                bogonKinds[kind] = bogonKinds.GetValueOrDefault(kind) + s.Packets;
            }
            else if (database.HasAsn && !geo[i].HasAsn)
            {
                unrouted += s.Packets;
                unroutedSources++;
            }
        }

        // Reflection: replies from real servers' service ports.
        var reflection = incident.Vectors.Where(v => v.Name.EndsWith("_amplification", StringComparison.Ordinal) || v.Name == "tcp_reflection").ToList();
        var reflectionShare = reflection.Sum(v => v.Share);
        if (reflectionShare >= 0.5)
        {
            var main = reflection.OrderByDescending(v => v.Share).First();
            var port = main.TopSrcPorts.Count > 0 ? Invariant($" from source port {main.TopSrcPorts[0].Port}") : "";
            facts.Add(Invariant($"{reflectionShare:P0} of packets are {string.Join(", ", reflection.Select(v => v.Name))} replies{port}: the sources are reflectors (real servers answering requests forged with the target's address), not the attackers"));
        }

        if (sampled > 0 && bogon * 100 >= sampled)
        {
            var top = string.Join(", ", bogonKinds.OrderByDescending(kv => kv.Value).Take(3).Select(kv => kv.Key));
            forged.Add(Invariant($"{(double)bogon / sampled:P1} of sampled packets come from addresses no internet host can use ({top})"));
        }

        if (database.HasAsn && sources >= MinSourcesForSpread)
        {
            var nonBogon = Math.Max(1, sources - bogonSources);
            var unroutedShare = (double)unroutedSources / nonBogon;
            var routedOfAll = (double)(sources - bogonSources - unroutedSources) / sources;
            if (unroutedShare >= 0.05)
            {
                forged.Add(Invariant($"{unroutedShare:P0} of sampled public sources are in no routed network (no ASN); real senders are always routed"));
            }

            if (routedSpaceShare > 0 && Math.Abs(routedOfAll - routedSpaceShare) <= 0.1 && unroutedShare >= 0.05)
            {
                forged.Add(Invariant($"sources spread like random addresses: {routedOfAll:P0} fall in routed space, as {routedSpaceShare:P0} of all IPv4 addresses would"));
            }
            else if (unroutedShare < 0.01 && bogonSources == 0)
            {
                genuine.Add(Invariant($"all {sources} sampled sources are in routed networks"));
            }
        }

        var perSource = incident.UniqueSources > 0 ? (double)incident.Packets / incident.UniqueSources : 0;
        if (incident.UniqueSources >= 1000 && perSource <= 2.5)
        {
            forged.Add(Invariant($"{incident.UniqueSources:N0} unique sources for {incident.Packets:N0} packets ({perSource:0.#} per source): forged addresses rarely repeat, real bots send many packets each"));
        }
        else if (incident.UniqueSources > 0 && perSource >= 20)
        {
            genuine.Add(Invariant($"{perSource:N0} packets per source on average ({incident.UniqueSources:N0} sources)"));
        }

        var ttl = TtlFacts(evidence.TtlPackets);
        if (ttl.Distinct >= 64 && ttl.OffPath >= 0.2)
        {
            forged.Add(Invariant($"{ttl.Distinct} distinct TTL values and {ttl.OffPath:P0} of packets at TTLs no real path gives (more than 32 hops below 64, 128 or 255): the TTL is randomised"));
        }
        else if (ttl.Distinct > 0 && ttl.Distinct <= 32 && ttl.OffPath < 0.05)
        {
            genuine.Add(Invariant($"TTLs cluster at {ttl.Distinct} values within real hop distances of 64, 128 or 255"));
        }

        if (evidence.IpIdPairs >= 100)
        {
            var increments = (double)evidence.IpIdIncrementPairs / evidence.IpIdPairs;
            if (increments >= 0.5)
            {
                genuine.Add(Invariant($"{increments:P0} of consecutive packets from one sampled source increase the IP-ID by 1–16: a host's own counter"));
            }
            else
            {
                facts.Add(Invariant($"IP-IDs of consecutive packets from one source do not count up ({increments:P0} do): randomised by the sending tool (raw-socket floods, spoofed or not)"));
            }
        }

        string verdict;
        var reasons = new List<string>();
        if (reflectionShare >= 0.5)
        {
            verdict = "reflected";
            reasons.AddRange(facts.Take(1));
            reasons.AddRange(forged.Select(r => "but " + r));
        }
        else if (forged.Count > 0)
        {
            verdict = "forged";
            reasons.AddRange(forged);
            reasons.AddRange(facts);
        }
        else if (genuine.Count >= 2)
        {
            verdict = "genuine";
            reasons.AddRange(genuine);
            reasons.AddRange(facts);
        }
        else
        {
            verdict = "unknown";
            reasons.AddRange(genuine);
            reasons.AddRange(facts);
            if (reasons.Count == 0)
            {
                reasons.Add("too little evidence either way");
            }
        }

        if (!database.HasAsn)
        {
            reasons.Add("no ASN database: routed-space checks were not made");
        }

        return new SpoofingReport { Verdict = verdict, Reasons = reasons };
    }

    /// <summary>Distinct TTLs (with at least 0.1 % of packets) and the share of packets more than 32 hops below every usual initial TTL.</summary>
    private static (int Distinct, double OffPath) TtlFacts(IReadOnlyList<long> ttl)
    {
        if (ttl.Count < 256)
        {
            return (0, 0);
        }

        long total = 0;
        foreach (var n in ttl)
        {
            total += n;
        }

        if (total == 0)
        {
            return (0, 0);
        }

        var distinct = 0;
        long off = 0;
        for (var t = 0; t < 256; t++)
        {
            if (ttl[t] * 1000 >= total)
            {
                distinct++;
            }

            var onPath = t is (> 32 and <= 64) or (> 96 and <= 128) or > 223;
            if (!onPath)
            {
                off += ttl[t];
            }
        }

        return (distinct, (double)off / total);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
