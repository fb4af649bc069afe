using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Waves;

/// <summary>Precision and recall of found waves against labelled ones: a match has start and end within one bucket.</summary>
public sealed record WaveScore(int Truth, int Found, int Matched, int StartMatched)
{
    public double Precision => Found == 0 ? 1 : (double)Matched / Found;

    public double Recall => Truth == 0 ? 1 : (double)Matched / Truth;

    public static WaveScore Score(IReadOnlyList<Wave> found, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> truth, TimeSpan bucket)
    {
        var matched = 0;
        var startMatched = 0;
        foreach (var (start, end) in truth)
        {
            var trueStart = ReportSeries.Floor(start, bucket);
            var trueEnd = ReportSeries.Floor(end - TimeSpan.FromTicks(1), bucket) + bucket;
            if (found.Any(w => Close(w.Start, trueStart, bucket)))
            {
                startMatched++;
            }

            if (found.Any(w => Close(w.Start, trueStart, bucket) && Close(w.End, trueEnd, bucket)))
            {
                matched++;
            }
        }

        return new WaveScore(truth.Count, found.Count, matched, startMatched);
    }

    private static bool Close(DateTimeOffset a, DateTimeOffset b, TimeSpan bucket) => (a - b).Duration() <= bucket;
}
