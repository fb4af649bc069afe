namespace Breakwater.Outages.Waves;

/// <summary>Sums of a wave being built: its buckets so far, and the quiet buckets after its last elevated one.</summary>
internal sealed class WaveAccumulator(DateTimeOffset start)
{
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tailCategories = new(StringComparer.Ordinal);
    private double _tailReports;

    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset LastElevated { get; private set; } = start;

    public DateTimeOffset Peak { get; private set; } = start;

    public double PeakCount { get; private set; } = double.MinValue;

    public BaselineEstimate PeakBaseline { get; private set; }

    public double Reports { get; private set; }

    public double Excess { get; private set; }

    public int QuietRun { get; private set; }

    public void AddElevated(ReportBucket bucket, BaselineEstimate baseline)
    {
        // Quiet buckets between two elevated ones belong to the wave.
        Reports += _tailReports;
        Merge(_categories, _tailCategories);
        _tailReports = 0;
        _tailCategories.Clear();
        QuietRun = 0;
        Reports += bucket.Count;
        Excess += Math.Max(0, bucket.Count - baseline.Median);
        Merge(_categories, bucket.Categories);
        LastElevated = bucket.Start;
        if (bucket.Count > PeakCount)
        {
            PeakCount = bucket.Count;
            Peak = bucket.Start;
            PeakBaseline = baseline;
        }
    }

    public void AddQuiet(ReportBucket bucket)
    {
        QuietRun++;
        _tailReports += bucket.Count;
        Merge(_tailCategories, bucket.Categories);
    }

    public Wave ToWave(string signal, TimeSpan bucketWidth, bool ongoing)
    {
        var total = _categories.Values.Sum();
        var categories = _categories
            .Where(c => c.Value > 0)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CategoryCount(c.Key, c.Value, total == 0 ? 0 : Math.Round((double)c.Value / total, 4)))
            .ToList();
        return new Wave
        {
            Id = $"{signal}-{Start.UtcDateTime:yyyyMMdd'T'HHmm'Z'}",
            Signal = signal,
            Start = Start,
            Peak = Peak,
            End = LastElevated + bucketWidth,
            PeakCount = PeakCount,
            Baseline = Math.Round(PeakBaseline.Median, 2),
            BaselineSource = BaselineEstimate.SourceName(PeakBaseline.Source),
            Reports = (long)Math.Round(Reports),
            ExcessReports = Math.Round(Excess, 1),
            Categories = categories,
            Ongoing = ongoing,
        };
    }

    private static void Merge(Dictionary<string, long> into, IReadOnlyDictionary<string, long>? from)
    {
        if (from is null)
        {
            return;
        }

        foreach (var (name, count) in from)
        {
            into[name] = into.GetValueOrDefault(name) + count;
        }
    }
}
