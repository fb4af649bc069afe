using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Per-prefix summaries: waves of host incidents inside one protected network, and prefix-level (carpet) incidents.</summary>
internal static class PrefixSummaryBuilder
{
    /// <summary>Hosts listed in a prefix incident's summary (most packets first).</summary>
    public const int MaxHostsListed = 256;

    /// <summary>Summaries of <paramref name="incidents"/> (all of them, refreshed, in start order).</summary>
    public static List<PrefixSummary> Build(
        IReadOnlyList<Incident> incidents, DetectionSettings settings, GroupLimits[] groups, int[] networkGroups)
    {
        var summaries = new List<PrefixSummary>();
        foreach (var group in incidents.Where(i => i.Network >= 0 && !i.IsPrefix).GroupBy(i => i.Network).OrderBy(g => g.Key))
        {
            // One summary per wave: incidents whose spans overlap (with the quiet period as slack) belong together.
            var wave = new List<IncidentReport>();
            DateTimeOffset? waveEnd = null;
            foreach (var report in group.Select(i => i.Report).OrderBy(r => r.Start))
            {
                if (wave.Count > 0 && waveEnd is { } e && report.Start > e.AddSeconds(settings.QuietSeconds))
                {
                    AddWave(summaries, settings.Networks[group.Key], groups[networkGroups[group.Key]].Name, wave);
                    wave = [];
                    waveEnd = null;
                }

                wave.Add(report);
                var end = report.End ?? DateTimeOffset.MaxValue.AddDays(-1);
                waveEnd = waveEnd is null || end > waveEnd ? end : waveEnd;
            }

            AddWave(summaries, settings.Networks[group.Key], groups[networkGroups[group.Key]].Name, wave);
        }

        // Prefix-level (carpet bombing) incidents: one summary each, listing the hosts seen under attack.
        foreach (var incident in incidents.Where(i => i.IsPrefix))
        {
            var report = incident.Report;
            summaries.Add(new PrefixSummary
            {
                Prefix = report.Target,
                Group = report.Group,
                Targets = incident.Hosts,
                Incidents = [report.Id],
                Start = report.Start,
                End = report.End,
                PeakPps = report.PeakPps,
                PeakBps = report.PeakBps,
                Packets = report.Packets,
                Vectors = [.. report.Vectors.Select(v => v.Name)],
            });
        }

        return summaries;
    }

    /// <summary>
    /// The hosts of a prefix run, most packets first, at most <see cref="MaxHostsListed"/>. A carpet hits its hosts
    /// about evenly: hosts with under a quarter of the median host's packets are the prefix's normal servers, not targets.
    /// </summary>
    public static List<string> TopHosts(Dictionary<NetAddress, long>? hosts)
    {
        if (hosts is null || hosts.Count == 0)
        {
            return [];
        }

        var ranked = hosts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).ToList();
        var floor = ranked[ranked.Count / 2].Value / 4;
        return [.. ranked.Where(kv => kv.Value >= floor).Take(MaxHostsListed).Select(kv => kv.Key.ToString())];
    }

    private static void AddWave(List<PrefixSummary> summaries, ProtectedNetwork network, string group, List<IncidentReport> wave)
    {
        var targets = wave.Select(r => r.Target).Distinct().ToList();
        if (targets.Count < 2)
        {
            return;
        }

        summaries.Add(new PrefixSummary
        {
            Prefix = network.Prefix.ToString(),
            Group = group,
            Targets = targets,
            Incidents = [.. wave.Select(r => r.Id)],
            Start = wave.Min(r => r.Start),
            End = wave.All(r => r.End is not null) ? wave.Max(r => r.End) : null,
            PeakPps = wave.Sum(r => r.PeakPps),
            PeakBps = wave.Sum(r => r.PeakBps),
            Packets = wave.Sum(r => r.Packets),
            Vectors = [.. wave.SelectMany(r => r.Vectors).GroupBy(v => v.Name).OrderByDescending(g => g.Sum(v => v.Packets)).Select(g => g.Key)],
        });
    }
}
