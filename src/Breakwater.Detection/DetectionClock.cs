namespace Breakwater.Detection;

/// <summary>
/// Engine time, shared by its parts: the current second, the span of the input seen so far and the packet total
/// (for collateral). Time is the records' own timestamps (capture time offline, arrival time live).
/// </summary>
internal sealed class DetectionClock
{
    public const long NanosPerSecond = 1_000_000_000;

    /// <summary>Shortest span a rate is computed over (10 ms), so that a few packets close together are no flood.</summary>
    public const long RateFloorNanos = 10_000_000;

    public bool Started;

    /// <summary>The second being counted; records of earlier seconds are counted in it.</summary>
    public long Second;

    public long SecondStartNanos;
    public long FirstNanos;
    public long LastNanos;

    /// <summary>All packets (scaled) seen anywhere, tracked or not.</summary>
    public long GlobalPackets;

    /// <summary>Records in the current second (for the span of a sparse last second).</summary>
    public long SecondRecords;

    /// <summary>The input's first second (possibly partial).</summary>
    public long FirstSecond => FirstNanos / NanosPerSecond;

    /// <summary>Seconds of input seen so far (at least the rate floor).</summary>
    public double InputSpan => Math.Max(LastNanos - FirstNanos, RateFloorNanos) / (double)NanosPerSecond;

    public void SetSecond(long second)
    {
        Second = second;
        SecondStartNanos = second * NanosPerSecond;
    }

    /// <summary>Span of second <paramref name="s"/> actually observed: the first and last seconds of the input may be partial.</summary>
    public double SecondSpan(long s, long endNanos)
    {
        var from = Math.Max(s * NanosPerSecond, FirstNanos);
        var to = Math.Min((s + 1) * NanosPerSecond, endNanos);
        return Math.Clamp(to - from, RateFloorNanos, NanosPerSecond) / (double)NanosPerSecond;
    }

    public static DateTimeOffset FromNanos(long nanos) =>
        DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000).AddTicks(nanos % 1_000_000 / 100);
}
