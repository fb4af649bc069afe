namespace Breakwater.Outages.Waves;

/// <summary>
/// Finds outage waves in one bucketed signal, bucket by bucket (the daemon and the offline command share it).
/// Hysteresis: a run of elevated buckets becomes a wave once it holds <see cref="WaveSettings.StartBuckets"/> high
/// buckets, its start is the run's first bucket; it ends after <see cref="WaveSettings.EndBuckets"/> buckets back at
/// normal, its end is the end of its last elevated bucket. Buckets in a run or a wave are never learned.
/// </summary>
public sealed class WaveDetector
{
    private readonly List<Wave> _waves = [];
    private readonly List<(ReportBucket Bucket, BaselineEstimate Baseline)> _run = [];
    private readonly WaveSettings _settings;
    private readonly bool _learn;
    private WaveAccumulator? _active;
    private int _runHigh;
    private DateTimeOffset? _last;

    public WaveDetector(string signal, SeasonalBaseline baseline, WaveSettings settings, bool learn = true)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(settings);
        Signal = signal;
        Baseline = baseline;
        _settings = settings;
        _learn = learn;
    }

    public string Signal { get; }

    public SeasonalBaseline Baseline { get; }

    public TimeSpan BucketWidth => Baseline.Settings.Bucket;

    /// <summary>Waves that have ended.</summary>
    public IReadOnlyList<Wave> Waves => _waves;

    /// <summary>The wave in progress, if any (marked ongoing).</summary>
    public Wave? Current => _active?.ToWave(Signal, BucketWidth, ongoing: true);

    /// <summary>Feeds the next bucket; buckets must come in time order, one per bucket width (zeros included).</summary>
    public WaveChange Process(ReportBucket bucket)
    {
        if (_last is { } last && bucket.Start <= last)
        {
            throw new ArgumentException($"Buckets must come in time order: {bucket.Start:O} is not after {last:O}.", nameof(bucket));
        }

        _last = bucket.Start;
        var baseline = Baseline.Expect(bucket.Start);
        var elevated = _settings.IsElevated(bucket.Count, baseline);
        if (_active is { } wave)
        {
            // A wave longer than AcceptAfter is taken as a new normal level: its buckets are learned from then on.
            var accept = bucket.Start - wave.Start >= _settings.AcceptAfter;
            if (_learn)
            {
                Baseline.Learn(bucket.Start, bucket.Count, suppress: !accept);
            }

            if (elevated)
            {
                wave.AddElevated(bucket, baseline);
                return WaveChange.None;
            }

            wave.AddQuiet(bucket);
            if (wave.QuietRun < _settings.EndBuckets)
            {
                return WaveChange.None;
            }

            var ended = wave.ToWave(Signal, BucketWidth, ongoing: false);
            _waves.Add(ended);
            _active = null;
            return new WaveChange(WaveChangeKind.Ended, ended);
        }

        if (!elevated)
        {
            _run.Clear();
            _runHigh = 0;
            Learn(bucket);
            return WaveChange.None;
        }

        _run.Add((bucket, baseline));
        if (_learn)
        {
            Baseline.Learn(bucket.Start, bucket.Count, suppress: true);
        }

        if (_settings.IsHigh(bucket.Count, baseline))
        {
            _runHigh++;
        }

        if (_runHigh < _settings.StartBuckets)
        {
            return WaveChange.None;
        }

        var started = new WaveAccumulator(_run[0].Bucket.Start);
        foreach (var (b, e) in _run)
        {
            started.AddElevated(b, e);
        }

        _run.Clear();
        _runHigh = 0;
        _active = started;
        return new WaveChange(WaveChangeKind.Started, started.ToWave(Signal, BucketWidth, ongoing: true));
    }

    /// <summary>All waves, the one in progress (if any) last and marked ongoing.</summary>
    public IReadOnlyList<Wave> Snapshot() => Current is { } current ? [.. _waves, current] : _waves;

    private void Learn(ReportBucket bucket)
    {
        if (_learn)
        {
            Baseline.Learn(bucket.Start, bucket.Count);
        }
    }
}
