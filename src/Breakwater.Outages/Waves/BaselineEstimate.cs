namespace Breakwater.Outages.Waves;

/// <summary>What a signal is expected to be at one moment: its median and a robust spread (never below the noise floor).</summary>
public readonly record struct BaselineEstimate(double Median, double Scale, BaselineSource Source)
{
    public bool Known => Source != BaselineSource.None;

    /// <summary>How many spreads <paramref name="value"/> lies above the median.</summary>
    public double ZScore(double value) => Known ? (value - Median) / Scale : 0;

    public static string SourceName(BaselineSource source) => source switch
    {
        BaselineSource.DayOfWeek => "day_of_week",
        BaselineSource.TimeOfDay => "time_of_day",
        BaselineSource.Recent => "recent",
        _ => "none",
    };
}
