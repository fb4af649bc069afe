namespace Breakwater.Detection.Baselines;

/// <summary>Hours of the week in UTC, Monday 00:00–00:59 being hour 0; weeks numbered from the Monday before 1 January 1970.</summary>
internal static class HourOfWeek
{
    public const int Hours = 168;
    public const int SecondsPerHour = 3600;

    // 1 January 1970 was a Thursday: 72 hours after the Monday that starts its week.
    private const long EpochOffsetHours = 72;

    /// <summary>Hours since the Monday before the epoch (a serial hour number).</summary>
    public static long Serial(long unixSecond) => Math.DivRem(unixSecond, SecondsPerHour, out var r) + (r < 0 ? -1 : 0) + EpochOffsetHours;

    public static int Of(long serialHour) => (int)(((serialHour % Hours) + Hours) % Hours);

    public static int Week(long serialHour) => (int)Math.Max(1, serialHour / Hours);

    public static string Describe(int hour) =>
        $"{Days[hour / 24]} {hour % 24:00}:00 UTC";

    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
}
