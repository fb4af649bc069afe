using Breakwater.Core;

namespace Breakwater.Detection.Baselines;

/// <summary>
/// One hour of the week's limits for one host or prefix, from its learned weeks:
/// <c>level</c> = median over the weeks of the hour's median rate; <c>σ</c> = the larger of the spread within the hour
/// ((99th percentile − median) / 2.326, both medians over the weeks), the spread between weeks (1.4826 × MAD of the
/// weekly medians), 10 % of the level and, for packet rates, √level (counting noise). The baseline fires above
/// <c>level + sensitivity·σ</c> and a second belongs to a run above <c>level + ¾·sensitivity·σ</c>, never below <c>min_pps</c>.
/// </summary>
internal sealed class BaselineLimits
{
    private const double NormalP99 = 2.326;
    private const double MadToSigma = 1.4826;
    private const double DefaultPacketBytes = 512;

    public double[] Limit { get; } = new double[BaselineMetric.Count];

    public double[] Release { get; } = new double[BaselineMetric.Count];

    /// <summary>Recomputes every metric's limits from <paramref name="entry"/>'s learned weeks of <paramref name="hour"/>; returns the week count.</summary>
    public int Compute(BaselineEntry entry, int hour, BaselineSettings settings)
    {
        Span<double> medians = stackalloc double[BaselineSettings.MaxWeeks];
        Span<double> highs = stackalloc double[BaselineSettings.MaxWeeks];
        Span<double> levels = stackalloc double[BaselineMetric.Count];
        var weeks = 0;
        for (var slot = 0; slot < entry.WeekSlots; slot++)
        {
            if (entry.WeekOf[entry.SlotIndex(hour, slot)] != 0)
            {
                weeks++;
            }
        }

        if (weeks == 0)
        {
            Array.Fill(Limit, double.PositiveInfinity);
            Array.Fill(Release, double.PositiveInfinity);
            return 0;
        }

        for (var m = 0; m < BaselineMetric.Count; m++)
        {
            var n = 0;
            for (var slot = 0; slot < entry.WeekSlots; slot++)
            {
                if (entry.WeekOf[entry.SlotIndex(hour, slot)] == 0)
                {
                    continue;
                }

                var values = entry.Values(hour, slot);
                medians[n] = LogScale.Decode(values[m * 2]);
                highs[n] = LogScale.Decode(values[(m * 2) + 1]);
                n++;
            }

            var level = Median(medians[..n]);
            var high = Median(highs[..n]);
            levels[m] = level;
            var spread = Math.Max((high - level) / NormalP99, MadToSigma * Mad(medians[..n], level));
            var sigma = Math.Max(spread, 0.1 * level);
            if (m != BaselineMetric.Bps)
            {
                sigma = Math.Max(sigma, Math.Sqrt(level));
            }

            Limit[m] = level + (settings.Sensitivity * sigma);
            Release[m] = level + (0.75 * settings.Sensitivity * sigma);
        }

        // Floors: never below min_pps packets per second, or the bit rate of that many packets of the usual size.
        var packetBytes = levels[BaselineMetric.Pps] > 0 ? levels[BaselineMetric.Bps] / 8 / levels[BaselineMetric.Pps] : DefaultPacketBytes;
        for (var m = 0; m < BaselineMetric.Count; m++)
        {
            var floor = m == BaselineMetric.Bps ? settings.MinPps * 8 * Math.Clamp(packetBytes, 64, 1500) : settings.MinPps;
            if (Limit[m] < floor)
            {
                Limit[m] = floor;
            }

            Release[m] = Math.Max(Release[m], 0.75 * Limit[m]);
        }

        return weeks;
    }

    /// <summary>
    /// The baseline's answer on the hysteresis scale of the static thresholds: below the release level the ratio stays under
    /// <paramref name="releaseFraction"/>, between release and limit it rises to 1, over the limit above 1.
    /// </summary>
    public double Ratio(ReadOnlySpan<double> rates, double releaseFraction, out int metric)
    {
        var best = 0.0;
        metric = BaselineMetric.Pps;
        for (var m = 0; m < BaselineMetric.Count; m++)
        {
            var rate = rates[m];
            if (rate <= 0 || double.IsPositiveInfinity(Limit[m]))
            {
                continue;
            }

            var release = Release[m];
            var r = rate < release
                ? releaseFraction * rate / release
                : releaseFraction + ((1 - releaseFraction) * (rate - release) / Math.Max(Limit[m] - release, 1e-9));
            if (r > best)
            {
                best = r;
                metric = m;
            }
        }

        return best;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private static double Mad(ReadOnlySpan<double> values, double median)
    {
        Span<double> deviations = stackalloc double[BaselineSettings.MaxWeeks];
        for (var i = 0; i < values.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }

        return Median(deviations[..values.Length]);
    }
}
