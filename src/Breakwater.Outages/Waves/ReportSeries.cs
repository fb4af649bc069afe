namespace Breakwater.Outages.Waves;

/// <summary>A report series cut into contiguous buckets (missing buckets are zero), aligned to the Unix epoch.</summary>
public sealed class ReportSeries
{
    /// <summary>Widths that <see cref="InferBucket"/> picks from.</summary>
    public static readonly TimeSpan[] StandardBuckets =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    /// <summary>Upper bound on buckets (a year of minutes), so a stray far-future time cannot exhaust memory.</summary>
    public const int MaxBuckets = 527_040;

    private ReportSeries(TimeSpan bucket, IReadOnlyList<ReportBucket> buckets)
    {
        Bucket = bucket;
        Buckets = buckets;
    }

    public TimeSpan Bucket { get; }

    public IReadOnlyList<ReportBucket> Buckets { get; }

    public DateTimeOffset Start => Buckets[0].Start;

    public DateTimeOffset End => Buckets[^1].Start + Bucket;

    /// <summary>The most common step between distinct times, rounded up to 1 min, 5 min, 15 min or 1 h.</summary>
    public static TimeSpan InferBucket(IReadOnlyList<ReportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var times = rows.Select(r => r.Time).Distinct().Order().ToList();
        var steps = new Dictionary<TimeSpan, int>();
        for (var i = 1; i < times.Count; i++)
        {
            var step = times[i] - times[i - 1];
            steps[step] = steps.GetValueOrDefault(step) + 1;
        }

        var common = steps.Count == 0 ? TimeSpan.FromMinutes(1) : steps.MaxBy(s => (s.Value, -s.Key.Ticks)).Key;
        return StandardBuckets.FirstOrDefault(b => b >= common, StandardBuckets[^1]);
    }

    public static ReportSeries FromRows(IReadOnlyList<ReportRow> rows, TimeSpan bucket)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ReportInputException("The report series is empty.");
        }

        var first = Floor(rows.Min(r => r.Time), bucket);
        var last = Floor(rows.Max(r => r.Time), bucket);
        var count = ((last - first).Ticks / bucket.Ticks) + 1;
        if (count > MaxBuckets)
        {
            throw new ReportInputException(
                $"The report series spans {first:yyyy-MM-dd} to {last:yyyy-MM-dd}: more than {MaxBuckets:N0} buckets of {bucket.TotalMinutes:0.#} min; give a shorter series or a wider --bucket.");
        }

        var totals = new double[count];
        var categories = new Dictionary<string, long>?[count];
        foreach (var row in rows)
        {
            var index = (Floor(row.Time, bucket) - first).Ticks / bucket.Ticks;
            totals[index] += row.Count;
            if (row.Category is { } name)
            {
                var map = categories[index] ??= new Dictionary<string, long>(StringComparer.Ordinal);
                map[name] = map.GetValueOrDefault(name) + (long)Math.Round(row.Count);
            }
        }

        var buckets = new ReportBucket[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = new ReportBucket(first + (bucket * i), totals[i], categories[i]);
        }

        return new ReportSeries(bucket, buckets);
    }

    /// <summary>The start of the bucket holding <paramref name="time"/> (buckets are aligned to the Unix epoch).</summary>
    public static DateTimeOffset Floor(DateTimeOffset time, TimeSpan bucket)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (((ticks % bucket.Ticks) + bucket.Ticks) % bucket.Ticks));
    }
}
