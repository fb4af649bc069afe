namespace Breakwater.Detection;

/// <summary>
/// Decisions on rates estimated from packet samples (sFlow 1:N, sampled NetFlow/IPFIX). A second of a 1:1024 flow
/// at twice a 4,000 pps threshold holds about 8 samples: the count is Poisson, one second says little. A sampled
/// target is judged on a sliding window of the last two closed seconds plus the current one, and is over its
/// thresholds only when the estimate over the window is over them and the lower bound of a one-sided Poisson
/// confidence interval on the sample count is above the release level, i.e. when the traffic is confidently not
/// the normal load below the hysteresis band.
/// </summary>
internal static class SampledRate
{
    /// <summary>
    /// z of the one-sided bound (≈ 99.93 %). Measured trade-off at 1:1024 against 4,000 pps (docs/detection.md):
    /// an attack at 2× is decided within 3 s of its onset in ≈ 96 % of runs, at 3× always; background at ¼ never
    /// trips, at ½ the threshold about one false incident per half hour is the price of the 3 s bound.
    /// </summary>
    public const double Z = 3.2;

    /// <summary>z of the bound that makes a sampled second count as above the release level (one-sided 95 %).</summary>
    public const double AboveZ = 1.645;

    /// <summary>Closed seconds before the current one that the window spans.</summary>
    public const int HistorySeconds = 2;

    /// <summary>The window must span at least this many seconds before it can decide (a lone burst is no flood).</summary>
    public const double MinWindowSeconds = 2.0;

    /// <summary>A sampled target gets an analyser once its window estimate passes the release level on this many samples.</summary>
    public const long MinTrackerSamples = 4;

    /// <summary>Below this many samples in a run the incident's notes say its rates are estimates from few samples.</summary>
    public const long FewSamples = 10_000;

    /// <summary>
    /// Lower confidence bound of a Poisson mean given <paramref name="count"/> events (Wilson–Hilferty: within
    /// about 1 % of the exact chi-square bound from 5 events up, conservative below).
    /// </summary>
    public static double LowerBound(long count, double z = Z)
    {
        if (count <= 0)
        {
            return 0;
        }

        var n = (double)count;
        var c = 1 - (1 / (9 * n)) - (z / (3 * Math.Sqrt(n)));
        return c <= 0 ? 0 : n * c * c * c;
    }

    /// <summary>Upper confidence bound of a Poisson mean given <paramref name="count"/> events (Wilson–Hilferty).</summary>
    public static double UpperBound(long count, double z)
    {
        var n = (double)count + 1;
        var c = 1 - (1 / (9 * n)) + (z / (3 * Math.Sqrt(n)));
        return n * c * c * c;
    }

    /// <summary>
    /// Whether a window whose estimated <paramref name="ratio"/> (rate ÷ limit, highest over the limits) rests on
    /// <paramref name="samples"/> samples is confidently over: the estimate over 1, and its lower bound over the release level.
    /// </summary>
    public static bool IsOver(double ratio, long samples, double releaseFraction) =>
        ratio > 1 && samples > 0 && ratio * LowerBound(samples) / samples > releaseFraction;
}
