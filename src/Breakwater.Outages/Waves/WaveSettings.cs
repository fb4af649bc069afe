namespace Breakwater.Outages.Waves;

/// <summary>When a run of buckets becomes a wave and when it ends (hysteresis). Defaults in docs/outages.md.</summary>
public sealed record WaveSettings
{
    /// <summary>A bucket is high when it is this many spreads above the baseline …</summary>
    public double StartZ { get; init; } = 6;

    /// <summary>… and at least this multiple of the baseline median …</summary>
    public double StartRatio { get; init; } = 2;

    /// <summary>… and at least this many reports above it (quiet nights: 3 reports instead of 0 are no outage).</summary>
    public double MinExcess { get; init; } = 10;

    /// <summary>A bucket stays elevated (keeps a wave going) while this many spreads above the baseline …</summary>
    public double EndZ { get; init; } = 3;

    /// <summary>… and at least this multiple of the baseline median.</summary>
    public double EndRatio { get; init; } = 1.5;

    /// <summary>High buckets needed in one elevated run before it is a wave (a lone spike of one bucket never is).</summary>
    public int StartBuckets { get; init; } = 3;

    /// <summary>Buckets back at normal that end a wave (one quiet bucket inside a wave does not split it).</summary>
    public int EndBuckets { get; init; } = 3;

    /// <summary>A wave that lasts this long is taken as a new normal level and learned from then on.</summary>
    public TimeSpan AcceptAfter { get; init; } = TimeSpan.FromHours(12);

    public static WaveSettings Minutes { get; } = new();

    public static WaveSettings QuarterHours { get; } = new() { StartBuckets = 2, EndBuckets = 2 };

    public static WaveSettings ForBucket(TimeSpan bucket) => bucket <= TimeSpan.FromMinutes(5) ? Minutes : QuarterHours;

    public bool IsHigh(double value, BaselineEstimate baseline) =>
        baseline.Known && baseline.ZScore(value) >= StartZ && value >= StartRatio * baseline.Median && value - baseline.Median >= MinExcess;

    public bool IsElevated(double value, BaselineEstimate baseline) =>
        baseline.Known && baseline.ZScore(value) >= EndZ && value >= EndRatio * baseline.Median && value - baseline.Median >= MinExcess / 2;
}
