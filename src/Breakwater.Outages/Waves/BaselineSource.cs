namespace Breakwater.Outages.Waves;

/// <summary>Which history a baseline estimate came from (most specific first).</summary>
public enum BaselineSource
{
    /// <summary>Not enough history yet: no judgement is made.</summary>
    None,

    /// <summary>The same time of day on the same day of the week, over past weeks.</summary>
    DayOfWeek,

    /// <summary>The same time of day over past days.</summary>
    TimeOfDay,

    /// <summary>The last few hours (before a day of history exists).</summary>
    Recent,
}
