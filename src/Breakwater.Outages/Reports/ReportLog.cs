using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Reports;

/// <summary>Accepted reports as counts per minute and category (no reporter data), the last 14 days.</summary>
public sealed class ReportLog
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(14);

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Dictionary<string, long>> _minutes = [];

    public void Add(DateTimeOffset time, string category, long count = 1)
    {
        var minute = time.ToUnixTimeSeconds() / 60;
        lock (_gate)
        {
            if (!_minutes.TryGetValue(minute, out var counts))
            {
                _minutes[minute] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
                var oldest = minute - (long)Keep.TotalMinutes;
                while (_minutes.Count > 0 && _minutes.Keys.First() < oldest)
                {
                    _minutes.Remove(_minutes.Keys.First());
                }
            }

            counts[category] = counts.GetValueOrDefault(category) + count;
        }
    }

    /// <summary>Buckets of <paramref name="width"/> from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), zeros included.</summary>
    public IReadOnlyList<ReportBucket> Buckets(DateTimeOffset from, DateTimeOffset to, TimeSpan width)
    {
        var start = ReportSeries.Floor(from, width);
        var list = new List<ReportBucket>();
        lock (_gate)
        {
            for (var t = start; t < to; t += width)
            {
                var categories = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var m = t.ToUnixTimeSeconds() / 60; m < (t + width).ToUnixTimeSeconds() / 60; m++)
                {
                    if (_minutes.TryGetValue(m, out var counts))
                    {
                        foreach (var (name, count) in counts)
                        {
                            categories[name] = categories.GetValueOrDefault(name) + count;
                        }
                    }
                }

                list.Add(new ReportBucket(t, categories.Values.Sum(), categories));
            }
        }

        return list;
    }
}
