namespace Breakwater.Outages.Waves;

/// <summary>How a <see cref="SeasonalBaseline"/> learns (docs/outages.md lists the defaults and why).</summary>
public sealed record BaselineSettings
{
    /// <summary>Width of one bucket of the signal.</summary>
    public TimeSpan Bucket { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Width of a time-of-day slot: buckets in one slot share a median.</summary>
    public TimeSpan Slot { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Days of time-of-day history kept per slot.</summary>
    public int Days { get; init; } = 7;

    /// <summary>Weeks of day-of-week history kept per slot.</summary>
    public int Weeks { get; init; } = 4;

    /// <summary>Day-of-week slots are used once they hold this many weeks of samples.</summary>
    public int MinWeeksForDayOfWeek { get; init; } = 2;

    /// <summary>A slot (or the recent window) needs this many samples before it is trusted.</summary>
    public int MinSamples { get; init; } = 8;

    /// <summary>The recent window used before a day of history exists.</summary>
    public TimeSpan Recent { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Values more than this many spreads above the median are not learned (outliers never become normal).</summary>
    public double LearnZ { get; init; } = 4;

    /// <summary>Counts are Poisson-like: the spread is never below √median (and 1), so quiet nights do not make every report an outlier.</summary>
    public bool CountSignal { get; init; } = true;

    /// <summary>For non-count signals (latency): the spread is never below this fraction of the median.</summary>
    public double MinRelativeScale { get; init; } = 0.05;

    /// <summary>Default settings for 1-minute report buckets.</summary>
    public static BaselineSettings Minutes { get; } = new();

    /// <summary>Default settings for 15-minute report buckets: hourly slots.</summary>
    public static BaselineSettings QuarterHours { get; } = new()
    {
        Bucket = TimeSpan.FromMinutes(15), Slot = TimeSpan.FromHours(1), MinSamples = 4, Recent = TimeSpan.FromHours(3),
    };

    /// <summary>Settings for a bucket width: 15-minute slots up to 5-minute buckets, hourly slots above.</summary>
    public static BaselineSettings ForBucket(TimeSpan bucket)
    {
        if (bucket <= TimeSpan.FromMinutes(5))
        {
            return Minutes with { Bucket = bucket, Slot = TimeSpan.FromMinutes(15), MinSamples = Math.Max(3, Math.Min(8, (int)(15 / bucket.TotalMinutes))) };
        }

        var slot = bucket > TimeSpan.FromHours(1) ? bucket : TimeSpan.FromHours(1);
        // One day of a slot's buckets is enough to trust it (four for 15-minute buckets in hourly slots).
        return QuarterHours with { Bucket = bucket, Slot = slot, MinSamples = Math.Max(3, Math.Min(6, (int)(slot / bucket))), Recent = 12 * bucket };
    }
}
