using Breakwater.Core;

namespace Breakwater.IntegrationTests.Support;

/// <summary>Checks an analysis against ground truth: every attack found on its target with its vector and times.</summary>
public static class TruthMatcher
{
    /// <summary>Start and end must be within this of the truth (the issue's acceptance bound).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<string> Mismatches(GroundTruth truth, AnalysisDocument analysis, double thresholdPps = 4000)
    {
        var problems = new List<string>();
        var prefixIncidents = new HashSet<string>();
        foreach (var attack in truth.Attacks)
        {
            var targets = attack.AllTargets.ToList();
            var perTarget = attack.Pps / targets.Count;
            if (perTarget < thresholdPps)
            {
                // Spread thinner than one host's threshold (carpet bombing): the prefix summary must show it.
                if (!analysis.Prefixes.Any(p => targets.Any(t => p.Targets.Contains(t))))
                {
                    problems.Add($"{attack.Name}: spread over {targets.Count} hosts at {perTarget:N0} pps each and no prefix summary names them");
                }

                // One prefix-level incident whose prefix holds every attacked host, with the attack's vector and times.
                var carpet = analysis.Incidents
                    .Where(i => Prefix.TryParse(i.Target, out var p) && i.Target.Contains('/', StringComparison.Ordinal)
                        && targets.All(t => p.Contains(Breakwater.Wire.NetAddress.Parse(t))))
                    .OrderBy(i => Math.Abs((i.Start - attack.Start).TotalSeconds))
                    .FirstOrDefault();
                if (carpet is null)
                {
                    problems.Add($"{attack.Name}: no prefix-level incident holds its {targets.Count} hosts");
                    continue;
                }

                prefixIncidents.Add(carpet.Id);
                CheckIncident(attack, carpet, problems);
                continue;
            }

            foreach (var target in targets)
            {
                var incident = analysis.Incidents
                    .Where(i => i.Target == target)
                    .OrderBy(i => Math.Abs((i.Start - attack.Start).TotalSeconds))
                    .FirstOrDefault();
                if (incident is null)
                {
                    problems.Add($"{attack.Name}: no incident on {target}");
                    continue;
                }

                CheckIncident(attack, incident, problems);
            }
        }

        var truthTargets = truth.Attacks.SelectMany(a => a.AllTargets).ToHashSet();
        foreach (var incident in analysis.Incidents.Where(i => !truthTargets.Contains(i.Target) && !prefixIncidents.Contains(i.Id)))
        {
            problems.Add($"false positive: incident on {incident.Target} at {incident.Start:O} ({string.Join(",", incident.Vectors.Select(v => v.Name))})");
        }

        return problems;
    }

    private static void CheckIncident(TruthAttack attack, IncidentReport incident, List<string> problems)
    {
        var target = incident.Target;
        var main = attack.Vectors.MaxBy(v => v.Weight)!.Name;
        if (!incident.Vectors.Any(v => v.Name == main))
        {
            problems.Add($"{attack.Name}: {target} vectors are {string.Join(",", incident.Vectors.Select(v => v.Name))}, expected {main}");
        }

        foreach (var vector in attack.Vectors.Where(v => v.Weight >= 0.15 && v.Name != main))
        {
            if (!incident.Vectors.Any(v => v.Name == vector.Name))
            {
                problems.Add($"{attack.Name}: {target} misses vector {vector.Name} (weight {vector.Weight})");
            }
        }

        if ((incident.Start - attack.Start).Duration() > Tolerance)
        {
            problems.Add($"{attack.Name}: {target} start {incident.Start:O}, truth {attack.Start:O}");
        }

        if (incident.End is not { } end || (end - attack.End).Duration() > Tolerance)
        {
            problems.Add($"{attack.Name}: {target} end {incident.End:O}, truth {attack.End:O}");
        }
    }
}
