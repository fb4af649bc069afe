using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Reports;

/// <summary>
/// The daemon's wave detectors over accepted reports: one on 1-minute buckets and one on 15-minute buckets, each fed
/// as its buckets close. Started and ended waves go to the callback (the <c>wave.started</c>/<c>wave.ended</c> events).
/// </summary>
public sealed class OutageWatch(ReportLog log, Action<WaveChange> onChange)
{
    private readonly Lock _gate = new();
    private readonly WaveDetector _minutes = new("reports_1m", new SeasonalBaseline(BaselineSettings.Minutes), WaveSettings.Minutes);
    private readonly WaveDetector _quarters = new("reports_15m", new SeasonalBaseline(BaselineSettings.QuarterHours), WaveSettings.QuarterHours);
    private DateTimeOffset? _nextMinute;
    private DateTimeOffset? _nextQuarter;

    /// <summary>Feeds every bucket that has closed by <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now)
    {
        lock (_gate)
        {
            _nextMinute = Feed(_minutes, _nextMinute ?? ReportSeries.Floor(now, _minutes.BucketWidth), now);
            _nextQuarter = Feed(_quarters, _nextQuarter ?? ReportSeries.Floor(now, _quarters.BucketWidth), now);
        }
    }

    /// <summary>Waves on both signals (ended and ongoing) overlapping the range, in time order.</summary>
    public IReadOnlyList<Wave> Waves(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return [.. _minutes.Snapshot().Concat(_quarters.Snapshot()).Where(w => w.End > from && w.Start < to).OrderBy(w => w.Start)];
        }
    }

    private DateTimeOffset Feed(WaveDetector detector, DateTimeOffset next, DateTimeOffset now)
    {
        var width = detector.BucketWidth;
        if (next + width > now)
        {
            return next;
        }

        foreach (var bucket in log.Buckets(next, ReportSeries.Floor(now, width), width))
        {
            var change = detector.Process(bucket);
            if (change.Kind != WaveChangeKind.None)
            {
                onChange(change);
            }

            next = bucket.Start + width;
        }

        return next;
    }
}
