using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Waves;

public sealed class WaveDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A steady 30 per minute with ±4 of deterministic jitter, plus whatever <paramref name="extra"/> adds.</summary>
    private static List<ReportBucket> Steady(int minutes, Func<int, double> extra) =>
        [.. Enumerable.Range(0, minutes).Select(i => new ReportBucket(T0.AddMinutes(i), 30 + ((i * 7) % 9) - 4 + extra(i)))];

    private static IReadOnlyList<Wave> Run(IEnumerable<ReportBucket> buckets)
    {
        var detector = new WaveDetector("reports", new SeasonalBaseline(BaselineSettings.Minutes), WaveSettings.Minutes);
        foreach (var bucket in buckets)
        {
            detector.Process(bucket);
        }

        return detector.Snapshot();
    }

    [Fact]
    public void Process_SustainedRise_OneWaveWithStartPeakEndAndBaseline()
    {
        // Minutes 180–219 carry 300 extra reports, minute 200 the most.
        var waves = Run(Steady(300, i => i is >= 180 and < 220 ? (i == 200 ? 500 : 300) : 0));

        var wave = Assert.Single(waves);
        Assert.Equal(T0.AddMinutes(180), wave.Start);
        Assert.Equal(T0.AddMinutes(220), wave.End);
        Assert.Equal(T0.AddMinutes(200), wave.Peak);
        Assert.InRange(wave.PeakCount, 526, 534);
        Assert.InRange(wave.Baseline, 26, 34);
        Assert.False(wave.Ongoing);
    }

    [Fact]
    public void Process_LoneOneBucketSpike_IsNotAWave()
    {
        Assert.Empty(Run(Steady(300, i => i == 150 ? 2_000 : 0)));
    }

    [Fact]
    public void Process_OneQuietBucketInsideAWave_DoesNotSplitIt()
    {
        var waves = Run(Steady(300, i => i is >= 100 and < 160 && i != 130 ? 400 : 0));

        var wave = Assert.Single(waves);
        Assert.Equal(T0.AddMinutes(100), wave.Start);
        Assert.Equal(T0.AddMinutes(160), wave.End);
    }

    [Fact]
    public void Process_WaveInProgressAtTheEnd_IsReportedOngoing()
    {
        var wave = Assert.Single(Run(Steady(200, i => i >= 190 ? 400 : 0)));

        Assert.True(wave.Ongoing);
        Assert.Equal(T0.AddMinutes(190), wave.Start);
    }

    [Fact]
    public void Process_WaveBuckets_AreNotLearned()
    {
        var baseline = new SeasonalBaseline(BaselineSettings.Minutes);
        var detector = new WaveDetector("reports", baseline, WaveSettings.Minutes);
        foreach (var bucket in Steady(400, i => i is >= 150 and < 350 ? 1_000 : 0))
        {
            detector.Process(bucket);
        }

        // Two hundred minutes of outage: the recent baseline still expects about 30.
        Assert.InRange(baseline.Expect(T0.AddMinutes(400)).Median, 26, 34);
        Assert.True(baseline.Rejected >= 200);
    }

    [Fact]
    public void Process_CategoriesInsideTheWave_GiveShares()
    {
        var buckets = Steady(300, _ => 0)
            .Select((b, i) => i is >= 100 and < 140
                ? b with { Count = b.Count + 300, Categories = new Dictionary<string, long> { ["app"] = 168, ["website"] = 99, ["other"] = 33 } }
                : b)
            .ToList();

        var wave = Assert.Single(Run(buckets));

        Assert.Equal(["app", "website", "other"], wave.Categories.Select(c => c.Name));
        Assert.Equal(0.56, wave.Categories[0].Share, 2);
        Assert.Equal(0.33, wave.Categories[1].Share, 2);
    }

    [Fact]
    public void Process_DailyPeakSeenOnEarlierDays_IsNotAWave()
    {
        // Four days, each with a two-hour evening peak of five times the usual count.
        var buckets = Enumerable.Range(0, 4 * 1440)
            .Select(i => new ReportBucket(T0.AddMinutes(i), (i % 1440) is >= 1200 and < 1320 ? 150 + (i % 5) : 30 + (i % 7)))
            .ToList();

        var waves = Run(buckets);

        // Day one has no history yet (the recent window calls its peak a wave); from day two on the baseline expects it.
        Assert.All(waves, w => Assert.True(w.Start < T0.AddDays(1), $"wave at {w.Start:O}"));
    }

    [Fact]
    public void Process_BucketsOutOfOrder_Throw()
    {
        var detector = new WaveDetector("reports", new SeasonalBaseline(BaselineSettings.Minutes), WaveSettings.Minutes);
        detector.Process(new ReportBucket(T0.AddMinutes(5), 1));
        Assert.Throws<ArgumentException>(() => detector.Process(new ReportBucket(T0, 1)));
    }
}
