using System.Globalization;
using System.Text;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Waves;

/// <summary>
/// The labelled week (three waves, a lone spike, a daily peak, a slow drift): waves found with start and end within
/// one bucket. Set BW_WAVES_RESULTS to a file path to write the results table (bench/results/waves-accuracy.md).
/// </summary>
public sealed class WaveAccuracyTests(ITestOutputHelper output)
{
    private static readonly (DateTimeOffset, DateTimeOffset)[] Truth = [.. LabelledSeries.Waves.Select(w => (w.Start, w.End))];

    public static TheoryData<int, bool> Cases => new() { { 1, true }, { 1, false }, { 15, true }, { 15, false } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LabelledWeek_WavesFoundWithinOneBucket(int minutes, bool primed)
    {
        var (score, waves) = Evaluate(minutes, primed);
        output.WriteLine(string.Join("\n", waves.Select(w => $"{w.Start:O} → {w.End:O} peak {w.PeakCount} baseline {w.Baseline}")));

        Assert.Equal(1.0, score.Recall);
        Assert.Equal(1.0, score.Precision);
        Assert.DoesNotContain(waves, w => w.Start <= LabelledSeries.SpikeTime && LabelledSeries.SpikeTime < w.End);
    }

    [Fact]
    public void LabelledWeek_CategorySharesOfEachWave_AreThoseInjected()
    {
        var (_, waves) = Evaluate(1, primed: true);
        Assert.All(waves, w =>
        {
            Assert.InRange(w.Categories.Single(c => c.Name == "app").Share, 0.55, 0.57);
            Assert.InRange(w.Categories.Single(c => c.Name == "website").Share, 0.32, 0.34);
        });
    }

    [Fact]
    public void ResultsTable_WrittenWhenAsked()
    {
        var table = new StringBuilder();
        table.AppendLine("| buckets | baseline | labelled waves | found | start and end within one bucket | start within one bucket | precision | recall |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var minutes in new[] { 1, 15 })
        {
            foreach (var primed in new[] { true, false })
            {
                var (s, _) = Evaluate(minutes, primed);
                table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {minutes} min | {(primed ? "primed (offline, ≥ 3 days)" : "streaming (daemon)")} | {s.Truth} | {s.Found} | {s.Matched} | {s.StartMatched} | {s.Precision:0.00} | {s.Recall:0.00} |"));
            }
        }

        output.WriteLine(table.ToString());
        if (Environment.GetEnvironmentVariable("BW_WAVES_RESULTS") is { Length: > 0 } path)
        {
            File.WriteAllText(path, table.ToString());
        }

        Assert.Contains("| 1 min |", table.ToString());
    }

    private static (WaveScore Score, IReadOnlyList<Wave> Waves) Evaluate(int minutes, bool primed)
    {
        var bucket = TimeSpan.FromMinutes(minutes);
        var series = ReportSeries.FromRows(LabelledSeries.Rows(), bucket);
        var result = primed
            ? WaveAnalysis.Run(series).Waves
            : StreamingOnly(series);
        return (WaveScore.Score(result, Truth, bucket), result);
    }

    private static IReadOnlyList<Wave> StreamingOnly(ReportSeries series)
    {
        var detector = new WaveDetector("reports", new SeasonalBaseline(BaselineSettings.ForBucket(series.Bucket)), WaveSettings.ForBucket(series.Bucket));
        foreach (var b in series.Buckets)
        {
            detector.Process(b);
        }

        // The daemon has no history on its first day: score it from day two on, as the baseline needs a day to learn.
        return [.. detector.Snapshot().Where(w => w.Start >= LabelledSeries.WeekStart.AddDays(1))];
    }
}
