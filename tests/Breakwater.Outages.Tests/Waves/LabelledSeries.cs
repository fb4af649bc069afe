using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Waves;

/// <summary>
/// A labelled week of report counts made by hand-written rules (not by the detector): a daily pattern with an evening
/// peak, quieter weekends, a slow upward drift, three injected outage waves, and one lone spike. The truth is the span
/// of buckets each wave adds reports to.
/// </summary>
public static class LabelledSeries
{
    public static readonly DateTimeOffset WeekStart = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero); // a Monday

    public sealed record Injection(DateTimeOffset Start, int RampUp, int Plateau, int RampDown, double Extra)
    {
        public int Buckets => RampUp + Plateau + RampDown;

        public DateTimeOffset End => Start + TimeSpan.FromMinutes(Buckets);
    }

    /// <summary>Waves on Tuesday morning, Thursday midday and Saturday evening (on top of the evening peak).</summary>
    public static IReadOnlyList<Injection> Waves { get; } =
    [
        new(WeekStart.AddDays(1).AddHours(9).AddMinutes(47), RampUp: 4, Plateau: 35, RampDown: 6, Extra: 400),
        new(WeekStart.AddDays(3).AddHours(13).AddMinutes(2), RampUp: 3, Plateau: 70, RampDown: 8, Extra: 900),
        new(WeekStart.AddDays(5).AddHours(19).AddMinutes(31), RampUp: 5, Plateau: 50, RampDown: 5, Extra: 300),
    ];

    public static DateTimeOffset SpikeTime { get; } = WeekStart.AddDays(2).AddHours(3).AddMinutes(12);

    /// <summary>The expected (noise-free) count of the normal pattern at <paramref name="t"/>.</summary>
    public static double Normal(DateTimeOffset t)
    {
        var hours = t.UtcDateTime.TimeOfDay.TotalHours;
        var daily = 20 + (15 * Math.Sin((hours - 9) / 24 * 2 * Math.PI));
        var evening = 40 * Math.Exp(-Math.Pow((hours - 20) / 1.0, 2));   // the daily peak the baseline must expect
        var weekend = t.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.8 : 1.0;
        var drift = 1 + (0.5 * (t - WeekStart).TotalDays / 7);
        return (daily + evening) * weekend * drift;
    }

    public static double Injected(DateTimeOffset t)
    {
        foreach (var wave in Waves)
        {
            var i = (int)((t - wave.Start).TotalMinutes);
            if (i < 0 || i >= wave.Buckets)
            {
                continue;
            }

            if (i < wave.RampUp)
            {
                return wave.Extra * (i + 1) / (wave.RampUp + 1);
            }

            return i < wave.RampUp + wave.Plateau ? wave.Extra : wave.Extra * (wave.Buckets - i) / (wave.RampDown + 1);
        }

        return t == SpikeTime ? 600 : 0;
    }

    /// <summary>One-minute rows for the week, Poisson noise from a fixed seed; reports split app/website/other 56/33/11.</summary>
    public static IReadOnlyList<ReportRow> Rows(int seed = 7)
    {
        var random = new Random(seed);
        var rows = new List<ReportRow>();
        for (var t = WeekStart; t < WeekStart.AddDays(7); t = t.AddMinutes(1))
        {
            var extra = Poisson(random, Normal(t)) + Poisson(random, Injected(t));
            var app = (int)Math.Round(extra * 0.56);
            var website = (int)Math.Round(extra * 0.33);
            rows.Add(new ReportRow(t, app, "app", 0));
            rows.Add(new ReportRow(t, website, "website", 0));
            rows.Add(new ReportRow(t, extra - app - website, "other", 0));
        }

        return rows;
    }

    private static int Poisson(Random random, double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 50)
        {
            // Normal approximation (Box–Muller) for large means.
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(lambda + (z * Math.Sqrt(lambda))));
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }
}
