using System.Globalization;
using System.Text.Json.Nodes;
using Breakwater.Core;

namespace Breakwater.Storage.Recovery;

/// <summary>
/// One incident across a daemon restart: the stored part (before the crash) and the engine's new run (after it) under
/// the stored id, start and detection time. Counts add up, peaks and unique sources take the larger value (sources seen
/// on both sides of the restart cannot be told apart), the newest analysis (fingerprint, botnet hint) wins.
/// </summary>
internal static class IncidentMerge
{
    public static IncidentReport Combine(IncidentReport stored, IncidentReport now, string note)
    {
        // Through the JSON so that fields added to the analysis document later come along without a change here.
        var node = JsonNode.Parse(IncidentDocument.Serialize(now))!.AsObject();
        node["id"] = stored.Id;
        var merged = IncidentDocument.Deserialize(node.ToJsonString());
        merged.Start = stored.Start < now.Start ? stored.Start : now.Start;
        merged.Detected = stored.Detected;
        merged.Packets = stored.Packets + now.Packets;
        merged.Bytes = stored.Bytes + now.Bytes;
        merged.PeakPps = Math.Max(stored.PeakPps, now.PeakPps);
        merged.PeakBps = Math.Max(stored.PeakBps, now.PeakBps);
        merged.UniqueSources = Math.Max(stored.UniqueSources, now.UniqueSources);
        merged.SpoofedSourcesLikely = stored.SpoofedSourcesLikely || now.SpoofedSourcesLikely;
        merged.Reason = stored.Reason ?? now.Reason;
        merged.Vectors = Vectors(stored.Vectors, now.Vectors);
        merged.TopSources = Sources(stored.TopSources, now.TopSources);
        merged.Fingerprint = now.Fingerprint ?? stored.Fingerprint;
        merged.Botnet = now.Botnet ?? stored.Botnet;
        merged.Notes = [.. now.Notes, note];
        return merged;
    }

    /// <summary>The stored incident, ended at its last stored second because the attack did not come back after a restart.</summary>
    public static IncidentReport EndAfterRestart(StoredIncident stored, string note)
    {
        var report = IncidentDocument.Deserialize(IncidentDocument.Serialize(stored.Incident));
        report.Status = "ended";
        var end = stored.LastSecond ?? stored.Updated;
        report.End = end < report.Start ? report.Start : end;
        report.Notes = [.. report.Notes, note];
        return report;
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);

    private static List<VectorReport> Vectors(IReadOnlyList<VectorReport> before, IReadOnlyList<VectorReport> after)
    {
        var byName = new Dictionary<string, (VectorReport Latest, long Packets, long Bytes)>(StringComparer.Ordinal);
        foreach (var v in before.Concat(after))
        {
            byName[v.Name] = byName.TryGetValue(v.Name, out var sum)
                ? (v, sum.Packets + v.Packets, sum.Bytes + v.Bytes)
                : (v, v.Packets, v.Bytes);
        }

        var total = byName.Values.Sum(v => v.Packets);
        return [.. byName.Values
            .OrderByDescending(v => v.Packets)
            .ThenBy(v => v.Latest.Name, StringComparer.Ordinal)
            .Select(v => new VectorReport
            {
                Name = v.Latest.Name,
                Share = total == 0 ? 0 : Math.Round((double)v.Packets / total, 4),
                Packets = v.Packets,
                Bytes = v.Bytes,
                Protocol = v.Latest.Protocol,
                TopSrcPorts = v.Latest.TopSrcPorts,
                TopDstPorts = v.Latest.TopDstPorts,
            })];
    }

    private static List<SourceReport> Sources(IReadOnlyList<SourceReport> before, IReadOnlyList<SourceReport> after)
    {
        var count = Math.Max(before.Count, after.Count);
        return [.. before.Concat(after)
            .GroupBy(s => s.Address, StringComparer.Ordinal)
            .Select(g => new SourceReport { Address = g.Key, Packets = g.Sum(s => s.Packets), Country = g.Last().Country, Asn = g.Last().Asn })
            .OrderByDescending(s => s.Packets)
            .ThenBy(s => s.Address, StringComparer.Ordinal)
            .Take(count)];
    }
}
