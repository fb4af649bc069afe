namespace Breakwater.Storage.Writing;

/// <summary>
/// Turns each incident's running vector totals into per-second rows: the difference between two consecutive totals
/// belongs to the later second. The first totals of an incident (its trigger seconds) are spread evenly from its start.
/// Runs on the writer's thread only.
/// </summary>
internal sealed class TimelineBuilder
{
    /// <summary>Longest span the first totals are spread over; an older start puts them all in the last second.</summary>
    private const long MaxSpreadSeconds = 60;

    private readonly Dictionary<string, Dictionary<string, (long Packets, long Bytes)>> _last = new(StringComparer.Ordinal);

    public int OpenIncidents => _last.Count;

    /// <summary>Starts from known totals (an incident resumed after a restart: its stored totals are the base).</summary>
    public void Seed(string incidentId, IEnumerable<VectorTotal> totals)
    {
        var map = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var t in totals)
        {
            map[t.Name] = (t.Packets, t.Bytes);
        }

        _last[incidentId] = map;
    }

    public void Forget(string incidentId) => _last.Remove(incidentId);

    /// <summary>Adds the rows for <paramref name="item"/> into <paramref name="rows"/> (same key: summed).</summary>
    public void Add(TimelineItem item, Dictionary<(string, long, string), (long Packets, long Bytes)> rows)
    {
        if (!_last.TryGetValue(item.IncidentId, out var last))
        {
            last = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            _last[item.IncidentId] = last;
            var from = item.Second - item.StartSecond < MaxSpreadSeconds ? Math.Min(item.StartSecond, item.Second) : item.Second;
            foreach (var v in item.Vectors)
            {
                Spread(rows, item.IncidentId, v, from, item.Second);
                last[v.Name] = (v.Packets, v.Bytes);
            }

            return;
        }

        foreach (var v in item.Vectors)
        {
            last.TryGetValue(v.Name, out var before);

            // Shares are recomputed each second: a total may shrink a little; the timeline never goes negative.
            var packets = Math.Max(0, v.Packets - before.Packets);
            var bytes = Math.Max(0, v.Bytes - before.Bytes);
            last[v.Name] = (Math.Max(v.Packets, before.Packets), Math.Max(v.Bytes, before.Bytes));
            if (packets > 0 || bytes > 0)
            {
                AddRow(rows, (item.IncidentId, item.Second, v.Name), packets, bytes);
            }
        }
    }

    private static void Spread(Dictionary<(string, long, string), (long, long)> rows, string id, VectorTotal v, long from, long to)
    {
        var seconds = to - from + 1;
        for (var s = from; s <= to; s++)
        {
            // Integer shares that add up exactly: the remainder goes to the last second.
            var packets = s == to ? v.Packets - (v.Packets / seconds * (seconds - 1)) : v.Packets / seconds;
            var bytes = s == to ? v.Bytes - (v.Bytes / seconds * (seconds - 1)) : v.Bytes / seconds;
            if (packets > 0 || bytes > 0)
            {
                AddRow(rows, (id, s, v.Name), packets, bytes);
            }
        }
    }

    private static void AddRow(Dictionary<(string, long, string), (long Packets, long Bytes)> rows, (string, long, string) key, long packets, long bytes)
    {
        rows.TryGetValue(key, out var sum);
        rows[key] = (sum.Packets + packets, sum.Bytes + bytes);
    }
}
