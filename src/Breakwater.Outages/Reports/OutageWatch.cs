using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Reports;

/// <summary>
/// The daemon's wave detectors over accepted reports: one on 1-minute buckets and one on 15-minute buckets, each fed
/// as its buckets close. Started and ended waves go to the callback (the <c>wave.started</c>/<c>wave.ended</c> events).
/// After a restart, <see cref="Resume"/> takes the stored waves and re-learns the baselines from the stored report
/// counts without announcing anything again.
/// </summary>
public sealed class OutageWatch(ReportLog log, Action<WaveChange> onChange)
{
    private readonly Lock _gate = new();
    private readonly WaveDetector _minutes = new("reports_1m", new SeasonalBaseline(BaselineSettings.Minutes), WaveSettings.Minutes);
    private readonly WaveDetector _quarters = new("reports_15m", new SeasonalBaseline(BaselineSettings.QuarterHours), WaveSettings.QuarterHours);
    private readonly Dictionary<string, Wave> _stored = new(StringComparer.Ordinal);
    private DateTimeOffset? _nextMinute;
    private DateTimeOffset? _nextQuarter;
    private bool _quiet;

    /// <summary>
    /// Continues an earlier run: <paramref name="waves"/> are the stored waves, and the report log (already restored)
    /// is replayed up to <paramref name="now"/> so that baselines and a wave still in progress are where they were.
    /// Nothing is announced for what the replay finds; waves it finds again keep their ids.
    /// </summary>
    public void Resume(IEnumerable<Wave> waves, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(waves);
        lock (_gate)
        {
            foreach (var wave in waves)
            {
                _stored[wave.Id] = wave;
            }

            if (log.First is { } first && _nextMinute is null)
            {
                _nextMinute = ReportSeries.Floor(first, _minutes.BucketWidth);
                _nextQuarter = ReportSeries.Floor(first, _quarters.BucketWidth);
                _quiet = true;
                try
                {
                    AdvanceLocked(now);
                }
                finally
                {
                    _quiet = false;
                }
            }
        }
    }

    /// <summary>Feeds every bucket that has closed by <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now)
    {
        lock (_gate)
        {
            AdvanceLocked(now);
        }
    }

    /// <summary>Waves on both signals (ended and ongoing) overlapping the range, in time order; the detectors' copy of a stored wave wins.</summary>
    public IReadOnlyList<Wave> Waves(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            var live = _minutes.Snapshot().Concat(_quarters.Snapshot()).ToList();
            var ids = live.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);

            // A stored wave that was ongoing when the daemon stopped, and that the replay did not find ongoing again, ended then.
            var stored = _stored.Values.Where(w => !ids.Contains(w.Id)).Select(w => w with { Ongoing = false });
            return [.. live.Concat(stored).Where(w => w.End > from && w.Start < to).OrderBy(w => w.Start)];
        }
    }

    private void AdvanceLocked(DateTimeOffset now)
    {
        _nextMinute = Feed(_minutes, _nextMinute ?? ReportSeries.Floor(now, _minutes.BucketWidth), now);
        _nextQuarter = Feed(_quarters, _nextQuarter ?? ReportSeries.Floor(now, _quarters.BucketWidth), now);
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
            if (change.Kind != WaveChangeKind.None && !_quiet)
            {
                onChange(change);
            }

            next = bucket.Start + width;
        }

        return next;
    }
}
