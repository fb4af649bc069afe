using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Reports;

/// <summary>Accepted reports as counts per minute and category (no reporter data), the last 14 days.</summary>
public sealed class ReportLog
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(14);

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Dictionary<string, long>> _minutes = [];

    /// <summary>Counts added since the last <see cref="TakeUnsaved"/>, for the store.</summary>
    private readonly Dictionary<(long Minute, string Category), long> _unsaved = [];

    /// <summary>The first minute held (null when empty).</summary>
    public DateTimeOffset? First
    {
        get
        {
            lock (_gate)
            {
                return _minutes.Count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(_minutes.Keys.First() * 60);
            }
        }
    }

    public void Add(DateTimeOffset time, string category, long count = 1)
    {
        lock (_gate)
        {
            Count(time, category, count);
            var key = (time.ToUnixTimeSeconds() / 60, category);
            _unsaved[key] = _unsaved.GetValueOrDefault(key) + count;
        }
    }

    /// <summary>Counts read back from the store: held like new ones, but not handed out again as unsaved.</summary>
    public void Restore(DateTimeOffset minute, string category, long count)
    {
        lock (_gate)
        {
            Count(minute, category, count);
        }
    }

    /// <summary>The counts added since the last call (per minute start and category), for the store; a failed write puts them back with <see cref="PutBack"/>.</summary>
    public IReadOnlyList<(DateTimeOffset Minute, string Category, long Count)> TakeUnsaved()
    {
        lock (_gate)
        {
            var list = _unsaved.Select(kv => (DateTimeOffset.FromUnixTimeSeconds(kv.Key.Minute * 60), kv.Key.Category, kv.Value)).ToList();
            _unsaved.Clear();
            return list;
        }
    }

    public void PutBack(IEnumerable<(DateTimeOffset Minute, string Category, long Count)> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        lock (_gate)
        {
            foreach (var (minute, category, count) in counts)
            {
                var key = (minute.ToUnixTimeSeconds() / 60, category);
                _unsaved[key] = _unsaved.GetValueOrDefault(key) + count;
            }
        }
    }

    private void Count(DateTimeOffset time, string category, long count)
    {
        var minute = time.ToUnixTimeSeconds() / 60;
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
