using Breakwater.Core;

namespace Breakwater.Detection.L7;

/// <summary>
/// A service's learned request rate: an exponentially weighted mean and variance of its seconds outside incidents (an
/// open flood never teaches the baseline that floods are normal), over about the last hour. Before
/// <see cref="HttpBaselineSettings.WarmupSeconds"/> normal seconds it sets no limit.
/// </summary>
internal struct RateBaseline
{
    /// <summary>Seconds after which old seconds weigh less than recent ones: about one hour of memory.</summary>
    private const int Window = 3600;

    public long Seconds;
    public double Mean;
    public double Variance;

    /// <summary>Adds one normal second with <paramref name="requests"/> requests.</summary>
    public void Add(double requests)
    {
        Seconds++;
        var alpha = 1.0 / Math.Min(Seconds, Window);
        var delta = requests - Mean;
        Mean += alpha * delta;
        Variance = (1 - alpha) * (Variance + (alpha * delta * delta));
    }

    /// <summary>Adds <paramref name="seconds"/> normal seconds without requests (at most one window's worth matters).</summary>
    public void AddQuiet(long seconds)
    {
        for (var i = 0L; i < Math.Min(seconds, Window); i++)
        {
            Add(0);
        }
    }

    /// <summary>The learned limit in requests per second, or +∞ while warming up or when disabled.</summary>
    public readonly double Limit(HttpBaselineSettings settings) =>
        !settings.Enabled || Seconds < settings.WarmupSeconds
            ? double.PositiveInfinity
            : Math.Max(settings.MinRps, Mean + (settings.Sensitivity * Math.Sqrt(Variance)));
}
