using Breakwater.Wire;

namespace Breakwater.Detection.Baselines;

/// <summary>
/// The baseline of one host or prefix: a histogram of the hour being learned, and per hour of the week up to
/// <c>weeks</c> learned (median, 99th percentile) pairs of every <see cref="BaselineMetric"/>, with the week each came from.
/// </summary>
internal sealed class BaselineEntry
{
    public BaselineEntry(NetAddress address, int mappedLength, int weeks)
    {
        Address = address;
        MappedLength = mappedLength;
        WeekSlots = weeks;
        Histogram = new ushort[BaselineMetric.Count * LogScale.Buckets];
        WeekOf = new ushort[HourOfWeek.Hours * weeks];
        Learned = new ushort[HourOfWeek.Hours * weeks * BaselineMetric.Count * 2];
    }

    public NetAddress Address { get; }

    /// <summary>128 for a host; a prefix's length in the 128-bit (IPv4-mapped) space.</summary>
    public int MappedLength { get; }

    public int WeekSlots { get; }

    /// <summary>Seconds with traffic learned in the current hour, per metric and <see cref="LogScale"/> bucket.</summary>
    public ushort[] Histogram { get; }

    /// <summary>Seconds with traffic learned in the current hour (seconds without traffic are the hour's others).</summary>
    public int Counted { get; set; }

    /// <summary>Seconds of the current hour left out: under attack, over the limits, or in a run towards an incident.</summary>
    public int Excluded { get; set; }

    /// <summary>[hour × weeks]: the week number a learned slot holds (0: empty).</summary>
    public ushort[] WeekOf { get; }

    /// <summary>[hour × weeks × metric × 2]: log-coded median and 99th percentile of the hour's per-second rates.</summary>
    public ushort[] Learned { get; }

    /// <summary>The limits of <see cref="LimitsHour"/> (computed once per hour from <see cref="Learned"/>).</summary>
    public BaselineLimits Limits { get; } = new();

    public int LimitsHour { get; set; } = -1;

    /// <summary>The learned week count behind the limits (0: nothing learned for that hour, the baseline cannot fire).</summary>
    public int LimitsWeeks { get; set; }

    public int SlotIndex(int hour, int slot) => (hour * WeekSlots) + slot;

    public Span<ushort> Values(int hour, int slot) =>
        Learned.AsSpan(SlotIndex(hour, slot) * BaselineMetric.Count * 2, BaselineMetric.Count * 2);

    public void Learn(int metric, double rate) => Histogram[(metric * LogScale.Buckets) + LogScale.Bucket(rate)]++;

    /// <summary>Median and 99th percentile of one metric over <paramref name="seconds"/>, the ones without traffic counted as 0.</summary>
    public (double Median, double High) Quantiles(int metric, int seconds)
    {
        var row = Histogram.AsSpan(metric * LogScale.Buckets, LogScale.Buckets);
        var zeros = Math.Max(0, seconds - Counted);
        return (Quantile(row, zeros, seconds, 0.5), Quantile(row, zeros, seconds, 0.99));
    }

    public void ResetHour()
    {
        Array.Clear(Histogram);
        Counted = 0;
        Excluded = 0;
    }

    private static double Quantile(ReadOnlySpan<ushort> row, int zeros, int total, double q)
    {
        var rank = Math.Max(0, (int)Math.Ceiling(q * total) - 1);
        if (rank < zeros)
        {
            return 0;
        }

        var seen = zeros;
        for (var b = 0; b < row.Length; b++)
        {
            seen += row[b];
            if (seen > rank)
            {
                return LogScale.BucketRate(b);
            }
        }

        return LogScale.BucketRate(row.Length - 1);
    }
}
