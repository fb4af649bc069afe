using System.Globalization;
using System.Text;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Greedy search for the most selective filter that matches an incident's attack traffic and not the rest.
/// Works on the per-vector reservoirs of <see cref="IncidentTracker"/>: each vector class contributes its
/// exact packet count times the matching fraction of its samples. Every filter starts with the target
/// address, so traffic to other hosts never matches; it still counts in the collateral's denominator.
/// </summary>
internal static class FingerprintSearch
{
    private const int MaxPredicates = 4;
    private const int ValuesPerFeature = 3;

    /// <summary>A predicate must keep this fraction of the current coverage to be considered.</summary>
    private const double KeepCoverage = 0.95;

    public static FingerprintReport Find(NetAddress target, IncidentTracker tracker, ReadOnlySpan<bool> attack, long otherPackets, bool outgoing = false) =>
        Find((target.IsIPv4 ? "ip " : "ip6 ") + (outgoing ? "src " : "dst ") + target.ToString(), target.IsIPv4, tracker, attack, otherPackets);

    /// <summary>A prefix-level incident: the filter starts with <c>ip dst net P</c> (IPv6: <c>ip6 dst net P</c>).</summary>
    public static FingerprintReport Find(Prefix target, IncidentTracker tracker, ReadOnlySpan<bool> attack, long otherPackets) =>
        Find((target.IsIPv4 ? "ip dst net " : "ip6 dst net ") + target.ToString(), target.IsIPv4, tracker, attack, otherPackets);

    private static FingerprintReport Find(string head, bool v4, IncidentTracker tracker, ReadOnlySpan<bool> attack, long otherPackets)
    {
        var vectors = tracker.Vectors.ToArray();
        var attackMask = attack.ToArray();
        var chosen = new List<FingerprintPredicate>();
        var (coverage, collateral) = Evaluate(vectors, attackMask, chosen, otherPackets);
        var candidates = Candidates(vectors, attackMask);
        for (var round = 0; round < MaxPredicates; round++)
        {
            FingerprintPredicate? best = null;
            double bestCoverage = 0, bestCollateral = double.MaxValue;
            foreach (var candidate in candidates)
            {
                if (chosen.Exists(p => p.Feature == candidate.Feature))
                {
                    continue;
                }

                // A payload offset is only expressible in BPF once the transport protocol is fixed.
                if (candidate.Feature == FingerprintFeature.PayloadPrefix
                    && !chosen.Exists(p => p.Feature == FingerprintFeature.Protocol && p.Value is 6 or 17))
                {
                    continue;
                }

                chosen.Add(candidate);
                var (cov, col) = Evaluate(vectors, attackMask, chosen, otherPackets);
                chosen.RemoveAt(chosen.Count - 1);
                if (cov < coverage * KeepCoverage)
                {
                    continue;
                }

                var better = col < bestCollateral - 1e-12
                    || (Math.Abs(col - bestCollateral) <= 1e-12 && cov > bestCoverage + 1e-12);
                if (best is null || better)
                {
                    best = candidate;
                    bestCoverage = cov;
                    bestCollateral = col;
                }
            }

            if (best is not { } pick)
            {
                break;
            }

            var narrows = bestCollateral < collateral - 1e-12;
            var describes = pick.IsStructural && bestCollateral <= collateral + 1e-12 && bestCoverage >= coverage - 0.01;
            if (!narrows && !describes)
            {
                break;
            }

            chosen.Add(pick);
            coverage = bestCoverage;
            collateral = bestCollateral;
        }

        return new FingerprintReport
        {
            Filter = Render(head, v4, chosen),
            Coverage = Math.Round(coverage, 4),
            Collateral = Math.Round(collateral, 4),
        };
    }

    private static (double Coverage, double Collateral) Evaluate(
        VectorStats?[] vectors, bool[] attack, List<FingerprintPredicate> predicates, long otherPackets)
    {
        double attackTotal = 0, attackMatch = 0, restTotal = 0, restMatch = 0;
        for (var k = 0; k < vectors.Length; k++)
        {
            var v = vectors[k];
            if (v is null || v.Packets == 0)
            {
                continue;
            }

            var fraction = MatchingFraction(v, predicates);
            if (attack[k])
            {
                attackTotal += v.Packets;
                attackMatch += v.Packets * fraction;
            }
            else
            {
                restTotal += v.Packets;
                restMatch += v.Packets * fraction;
            }
        }

        var coverage = attackTotal > 0 ? attackMatch / attackTotal : 0;
        var denominator = restTotal + Math.Max(otherPackets, 0);
        var collateral = denominator > 0 ? restMatch / denominator : 0;
        return (coverage, collateral);
    }

    private static double MatchingFraction(VectorStats v, List<FingerprintPredicate> predicates)
    {
        double total = 0, match = 0;
        for (var i = 0; i < v.SampleCount; i++)
        {
            ref readonly var s = ref v.Samples[i];
            total += s.Weight;
            var all = true;
            foreach (var p in predicates)
            {
                if (!p.Matches(s))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                match += s.Weight;
            }
        }

        return total > 0 ? match / total : 0;
    }

    /// <summary>The most common values of each feature in the attack samples, weighted by packets.</summary>
    private static List<FingerprintPredicate> Candidates(VectorStats?[] vectors, bool[] attack)
    {
        var weights = new Dictionary<FingerprintPredicate, double>();
        for (var k = 0; k < vectors.Length; k++)
        {
            var v = vectors[k];
            if (v is null || !attack[k] || v.SampleCount == 0)
            {
                continue;
            }

            double sampleWeight = 0;
            for (var i = 0; i < v.SampleCount; i++)
            {
                sampleWeight += v.Samples[i].Weight;
            }

            for (var i = 0; i < v.SampleCount; i++)
            {
                ref readonly var s = ref v.Samples[i];
                var w = v.Packets * s.Weight / sampleWeight;
                foreach (var feature in Enum.GetValues<FingerprintFeature>())
                {
                    if (FingerprintPredicate.TryFrom(feature, s, out var p))
                    {
                        weights[p] = weights.GetValueOrDefault(p) + w;
                    }
                }
            }
        }

        return [.. weights
            .GroupBy(kv => kv.Key.Feature)
            .SelectMany(g => g.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Value).Take(ValuesPerFeature))
            .OrderBy(kv => kv.Key.Feature)
            .ThenByDescending(kv => kv.Value)
            .Select(kv => kv.Key)];
    }

    /// <summary>Writes the predicates as a tcpdump/BPF expression.</summary>
    public static string Render(NetAddress target, List<FingerprintPredicate> predicates) =>
        Render((target.IsIPv4 ? "ip dst " : "ip6 dst ") + target.ToString(), target.IsIPv4, predicates);

    private static string Render(string head, bool v4, List<FingerprintPredicate> predicates)
    {
        var text = new StringBuilder(head);
        var protocol = predicates.Find(p => p.Feature == FingerprintFeature.Protocol);
        var hasProtocol = predicates.Exists(p => p.Feature == FingerprintFeature.Protocol);
        var transport = hasProtocol && protocol.Value == 6 ? "tcp" : hasProtocol && protocol.Value == 17 ? "udp" : null;
        var impliedByOthers = predicates.Exists(p => p.Feature is FingerprintFeature.TcpFlags
            || (transport is not null && p.Feature is FingerprintFeature.SourcePort or FingerprintFeature.DestinationPort));
        foreach (var p in predicates.OrderBy(p => p.Feature))
        {
            var clause = p.Feature switch
            {
                FingerprintFeature.Protocol when impliedByOthers && transport is not null => null,
                FingerprintFeature.Protocol => ProtocolClause(p.Value, v4),
                // libpcap has no tcp[] for IPv6: read the flags at their offset behind a bare 40-byte header.
                FingerprintFeature.TcpFlags => v4
                    ? "tcp[tcpflags] == " + FlagsClause((byte)p.Value)
                    : Invariant($"ip6[6] == 6 and ip6[53] == 0x{p.Value:x2}"),
                FingerprintFeature.LaterFragment => v4 ? "ip[6:2] & 0x1fff != 0" : "ip6[6] == 44",
                FingerprintFeature.SourcePort => Port(transport, "src", p.Value),
                FingerprintFeature.DestinationPort => Port(transport, "dst", p.Value),
                FingerprintFeature.Length => v4 ? Invariant($"ip[2:2] == {p.Value}") : Invariant($"ip6[4:2] == {Math.Max(0, (int)p.Value - 40)}"),
                FingerprintFeature.Ttl => v4 ? Invariant($"ip[8] == {p.Value}") : Invariant($"ip6[7] == {p.Value}"),
                _ => (transport, v4) switch
                {
                    ("tcp", true) => Invariant($"tcp[((tcp[12:1] & 0xf0) >> 2):4] == 0x{p.Value:x8}"),
                    ("tcp", false) => Invariant($"ip6[(40 + ((ip6[52] & 0xf0) >> 2)):4] == 0x{p.Value:x8}"),
                    (_, true) => Invariant($"udp[8:4] == 0x{p.Value:x8}"),
                    _ => Invariant($"ip6[48:4] == 0x{p.Value:x8}"),
                },
            };
            if (clause is not null)
            {
                text.Append(" and ").Append(clause);
            }
        }

        return text.ToString();
    }

    private static string Port(string? transport, string direction, uint port) =>
        transport is null ? Invariant($"{direction} port {port}") : Invariant($"{transport} {direction} port {port}");

    private static string ProtocolClause(uint protocol, bool v4) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        58 => "icmp6",
        _ => Invariant($"{(v4 ? "ip" : "ip6")} proto {protocol}"),
    };

    private static string FlagsClause(byte flags)
    {
        if (flags == 0)
        {
            return "0";
        }

        string[] names = ["tcp-fin", "tcp-syn", "tcp-rst", "tcp-push", "tcp-ack", "tcp-urg", "tcp-ece", "tcp-cwr"];
        var set = new List<string>();
        for (var bit = 0; bit < 8; bit++)
        {
            if ((flags & (1 << bit)) != 0)
            {
                set.Add(names[bit]);
            }
        }

        return set.Count == 1 ? set[0] : "(" + string.Join('|', set) + ")";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
