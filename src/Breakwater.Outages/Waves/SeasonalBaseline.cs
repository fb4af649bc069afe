namespace Breakwater.Outages.Waves;

/// <summary>
/// Expected value of one signal by time of day and day of week, from robust statistics (median and MAD) of past
/// buckets in the same slot. Before a slot has history, the last few hours stand in. Buckets far above the expected
/// value are not learned, so an outage never teaches the baseline that outages are normal.
/// </summary>
public sealed class SeasonalBaseline
{
    private readonly BaselineSettings _settings;
    private readonly SampleRing[] _timeOfDay;
    private readonly SampleRing[] _dayOfWeek;
    private readonly SampleRing _recent;
    private readonly int _slotsPerDay;
    private readonly int _perSlotPerDay;
    private readonly double[] _scratch;
    private readonly DateTimeOffset?[] _firstOfDay;
    private readonly DateTimeOffset?[] _firstOfWeek;

    public SeasonalBaseline(BaselineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Bucket <= TimeSpan.Zero || settings.Slot < settings.Bucket || TimeSpan.FromDays(1).Ticks % settings.Slot.Ticks != 0)
        {
            throw new ArgumentException("The slot must be at least one bucket wide and divide a day.", nameof(settings));
        }

        _settings = settings;
        _slotsPerDay = (int)(TimeSpan.FromDays(1) / settings.Slot);
        _perSlotPerDay = Math.Max(1, (int)(settings.Slot / settings.Bucket));
        _timeOfDay = new SampleRing[_slotsPerDay];
        _firstOfDay = new DateTimeOffset?[_slotsPerDay];
        _firstOfWeek = new DateTimeOffset?[_slotsPerDay * 7];
        _dayOfWeek = new SampleRing[_slotsPerDay * 7];
        for (var i = 0; i < _timeOfDay.Length; i++)
        {
            _timeOfDay[i] = new SampleRing(settings.Days * _perSlotPerDay);
        }

        for (var i = 0; i < _dayOfWeek.Length; i++)
        {
            _dayOfWeek[i] = new SampleRing(settings.Weeks * _perSlotPerDay);
        }

        var recent = Math.Max(settings.MinSamples, (int)(settings.Recent / settings.Bucket));
        _recent = new SampleRing(recent);
        _scratch = new double[Math.Max(recent, Math.Max(settings.Days, settings.Weeks) * _perSlotPerDay)];
    }

    public BaselineSettings Settings => _settings;

    /// <summary>Buckets learned so far.</summary>
    public long Learned { get; private set; }

    /// <summary>Buckets seen but not learned because they were outliers.</summary>
    public long Rejected { get; private set; }

    /// <summary>The expected value of the bucket that starts at <paramref name="time"/>.</summary>
    public BaselineEstimate Expect(DateTimeOffset time)
    {
        var (tod, dow) = Slots(time);
        // A slot speaks only for later days: today's own buckets in it are not yet "the same time on another day".
        var weekly = _dayOfWeek[dow];
        if (weekly.Count >= Math.Max(_settings.MinSamples, _settings.MinWeeksForDayOfWeek * _perSlotPerDay)
            && time - _firstOfWeek[dow] >= TimeSpan.FromDays(7 * (_settings.MinWeeksForDayOfWeek - 1)) - _settings.Slot)
        {
            return Estimate(weekly.Values, BaselineSource.DayOfWeek);
        }

        var daily = _timeOfDay[tod];
        if (daily.Count >= _settings.MinSamples && time - _firstOfDay[tod] >= TimeSpan.FromDays(1) - _settings.Slot)
        {
            return Estimate(daily.Values, BaselineSource.TimeOfDay);
        }

        return _recent.Count >= _settings.MinSamples ? Estimate(_recent.Values, BaselineSource.Recent) : default;
    }

    /// <summary>
    /// Learns one bucket unless it is an outlier against the current estimate or <paramref name="suppress"/> says the
    /// caller knows it is abnormal (inside a wave). Returns whether it was learned into the recent window. A slot
    /// without history of its own learns every bucket: otherwise a first day judged against the recent window could
    /// keep its busy hours out of their slots for ever; the per-slot median forgets one odd day after a few normal ones.
    /// </summary>
    public bool Learn(DateTimeOffset time, double value, bool suppress = false)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        var estimate = Expect(time);
        if (suppress || (estimate.Known && estimate.ZScore(value) > _settings.LearnZ))
        {
            Rejected++;
            var (tod, dow) = Slots(time);
            if (_timeOfDay[tod].Count < _settings.MinSamples)
            {
                AddToSlots(time, tod, dow, value);
            }

            return false;
        }

        Add(time, value);
        return true;
    }

    /// <summary>
    /// Learns a whole offline series at once, without outlier checks (the per-slot medians do the rejecting); every
    /// slot then speaks for every day of the series, the first included.
    /// </summary>
    public void Prime(IEnumerable<ReportBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        foreach (var bucket in buckets)
        {
            Add(bucket.Start, bucket.Count);
        }

        Array.Fill(_firstOfDay, DateTimeOffset.MinValue);
        Array.Fill(_firstOfWeek, DateTimeOffset.MinValue);
    }

    /// <summary>Adds a bucket without any outlier check.</summary>
    public void Add(DateTimeOffset time, double value)
    {
        var (tod, dow) = Slots(time);
        AddToSlots(time, tod, dow, value);
        _recent.Add(value);
        Learned++;
    }

    private void AddToSlots(DateTimeOffset time, int tod, int dow, double value)
    {
        _timeOfDay[tod].Add(value);
        _dayOfWeek[dow].Add(value);
        _firstOfDay[tod] ??= time;
        _firstOfWeek[dow] ??= time;
    }

    private (int TimeOfDay, int DayOfWeek) Slots(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var tod = (int)(utc.TimeOfDay.Ticks / _settings.Slot.Ticks);
        return (tod, ((int)utc.DayOfWeek * _slotsPerDay) + tod);
    }

    private BaselineEstimate Estimate(ReadOnlySpan<double> values, BaselineSource source)
    {
        var (median, mad) = RobustStats.MedianAndMad(values, _scratch);
        var scale = mad * RobustStats.MadToSigma;
        scale = _settings.CountSignal
            ? Math.Max(scale, Math.Max(1, Math.Sqrt(Math.Max(median, 0))))
            : Math.Max(scale, Math.Max(Math.Abs(median) * _settings.MinRelativeScale, 1e-9));
        return new BaselineEstimate(median, scale, source);
    }
}
