using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>
/// Builds an incident's rule set (<c>fingerprint.rules</c>): for each attack vector a greedy search for the most selective
/// match of its samples, then vectors whose rules came out identical are merged into one rule. Collateral is measured
/// against the target's own non-attack traffic only (the tracker's non-attack classes, which include the connections the
/// target answers and the traffic seen while it was pending), never against other hosts: a rule that would drop a tenth
/// of the victim's real users says so even on a busy network.
/// </summary>
internal static class RuleSetSearch
{
    private const int MaxPredicates = 5;

    /// <summary>A predicate must keep this fraction of the vector's coverage to be considered.</summary>
    private const double KeepCoverage = 0.95;

    public static IReadOnlyList<FingerprintRule> Build(RuleTarget target, IncidentTracker tracker, ReadOnlySpan<bool> attack)
    {
        var vectors = tracker.Vectors.ToArray();
        var attackMask = attack.ToArray();
        var found = new List<(List<int> Classes, List<FingerprintPredicate> Predicates)>();
        for (var k = 0; k < vectors.Length; k++)
        {
            if (!attackMask[k] || vectors[k] is not { Packets: > 0, SampleCount: > 0 })
            {
                continue;
            }

            var only = new bool[vectors.Length];
            only[k] = true;
            var predicates = Search(vectors, only, attackMask);
            var same = found.FindIndex(f => Same(f.Predicates, predicates));
            if (same >= 0)
            {
                found[same].Classes.Add(k);
            }
            else
            {
                found.Add(([k], predicates));
            }
        }

        var rules = new List<FingerprintRule>(found.Count);
        foreach (var (classes, predicates) in found.OrderByDescending(f => f.Classes.Sum(k => vectors[k]!.Packets)))
        {
            var mask = new bool[vectors.Length];
            foreach (var k in classes)
            {
                mask[k] = true;
            }

            var (coverage, collateral) = Evaluate(vectors, mask, attackMask, predicates);
            var flowspecOnly = predicates.Where(p => p.InFlowSpec).ToList();
            var (_, flowspecCollateral) = Evaluate(vectors, mask, attackMask, flowspecOnly);
            rules.Add(new FingerprintRule
            {
                Vectors = [.. classes.Select(k => VectorNames.Name((VectorKind)k))],
                Bpf = RuleRender.Bpf(target, predicates),
                Nft = RuleRender.Nft(target, predicates),
                Flowspec = RuleRender.FlowSpec(target, flowspecOnly),
                Coverage = Math.Round(coverage, 4),
                Collateral = Math.Round(collateral, 4),
                FlowspecCollateral = Math.Round(Math.Max(collateral, flowspecCollateral), 4),
            });
        }

        return rules;
    }

    /// <summary>Greedy: add the predicate that lowers collateral most while keeping coverage; structural ones also when free.</summary>
    private static List<FingerprintPredicate> Search(VectorStats?[] vectors, bool[] mine, bool[] attack)
    {
        var chosen = new List<FingerprintPredicate>();
        var (coverage, collateral) = Evaluate(vectors, mine, attack, chosen);
        var candidates = FingerprintSearch.Candidates(vectors, mine);
        for (var round = 0; round < MaxPredicates; round++)
        {
            FingerprintPredicate? best = null;
            double bestCoverage = 0, bestCollateral = double.MaxValue;
            foreach (var candidate in candidates)
            {
                if (chosen.Exists(p => p.Feature == candidate.Feature)
                    || (candidate.Feature == FingerprintFeature.PayloadPrefix
                        && !chosen.Exists(p => p.Feature == FingerprintFeature.Protocol && p.Value is 6 or 17)))
                {
                    continue;
                }

                chosen.Add(candidate);
                var (cov, col) = Evaluate(vectors, mine, attack, chosen);
                chosen.RemoveAt(chosen.Count - 1);
                if (cov < coverage * KeepCoverage)
                {
                    continue;
                }

                var better = col < bestCollateral - 1e-12 || (Math.Abs(col - bestCollateral) <= 1e-12 && cov > bestCoverage + 1e-12);
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

        return chosen;
    }

    /// <summary>Coverage of the classes in <paramref name="mine"/>; collateral over the classes that are not attack traffic.</summary>
    private static (double Coverage, double Collateral) Evaluate(
        VectorStats?[] vectors, bool[] mine, bool[] attack, List<FingerprintPredicate> predicates)
    {
        double mineTotal = 0, mineMatch = 0, restTotal = 0, restMatch = 0;
        for (var k = 0; k < vectors.Length; k++)
        {
            if (vectors[k] is not { Packets: > 0 } v || (attack[k] && !mine[k]))
            {
                continue;
            }

            var fraction = MatchingFraction(v, predicates);
            if (mine[k])
            {
                mineTotal += v.Packets;
                mineMatch += v.Packets * fraction;
            }
            else
            {
                restTotal += v.Packets;
                restMatch += v.Packets * fraction;
            }
        }

        return (mineTotal > 0 ? mineMatch / mineTotal : 0, restTotal > 0 ? restMatch / restTotal : 0);
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
                if (!p.MatchesAsRule(s))
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

    private static bool Same(List<FingerprintPredicate> a, List<FingerprintPredicate> b) =>
        a.Count == b.Count && a.OrderBy(p => p.Feature).SequenceEqual(b.OrderBy(p => p.Feature));
}
