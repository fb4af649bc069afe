namespace Breakwater.Outages.Waves;

/// <summary>Median and median absolute deviation: statistics that a minority of outliers cannot move far.</summary>
public static class RobustStats
{
    /// <summary>Scales a MAD to the standard deviation of a normal distribution.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>Median of <paramref name="values"/>; sorts the span in place. NaN for an empty span.</summary>
    public static double Median(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>Median and MAD of <paramref name="values"/> (left unchanged); <paramref name="scratch"/> must be as long.</summary>
    public static (double Median, double Mad) MedianAndMad(ReadOnlySpan<double> values, Span<double> scratch)
    {
        if (values.IsEmpty)
        {
            return (double.NaN, double.NaN);
        }

        var work = scratch[..values.Length];
        values.CopyTo(work);
        var median = Median(work);
        for (var i = 0; i < values.Length; i++)
        {
            work[i] = Math.Abs(values[i] - median);
        }

        return (median, Median(work));
    }
}
