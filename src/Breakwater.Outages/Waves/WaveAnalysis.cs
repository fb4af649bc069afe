namespace Breakwater.Outages.Waves;

/// <summary>
/// Offline wave finding over a whole series. A series of three days or more first teaches the baseline every
/// bucket (the per-slot median ignores waves on a minority of days, so the first day is judged against the same
/// daily pattern as the rest); a shorter series is judged as the daemon would, learning as it goes.
/// </summary>
public static class WaveAnalysis
{
    public static readonly TimeSpan PrimeAfter = TimeSpan.FromDays(3);

    public static WaveResult Run(ReportSeries series, string signal = "reports", BaselineSettings? baseline = null, WaveSettings? waves = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var model = new SeasonalBaseline(baseline ?? BaselineSettings.ForBucket(series.Bucket));
        var primed = series.End - series.Start >= PrimeAfter;
        if (primed)
        {
            model.Prime(series.Buckets);
        }

        var detector = new WaveDetector(signal, model, waves ?? WaveSettings.ForBucket(series.Bucket), learn: !primed);
        foreach (var bucket in series.Buckets)
        {
            detector.Process(bucket);
        }

        return new WaveResult(series, detector.Snapshot(), primed ? "primed" : "streaming");
    }
}
