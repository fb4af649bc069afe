using System.Globalization;

namespace Breakwater.Outages.Timeline;

/// <summary>Durations for people: "2 min 10 s", "1 h 5 min".</summary>
internal static class TimeText
{
    public static string Span(TimeSpan span)
    {
        span = span.Duration();
        var inv = CultureInfo.InvariantCulture;
        return span.TotalSeconds < 60 ? string.Create(inv, $"{span.TotalSeconds:0} s")
            : span.TotalMinutes < 60 ? (span.Seconds == 0 ? string.Create(inv, $"{(int)span.TotalMinutes} min") : string.Create(inv, $"{(int)span.TotalMinutes} min {span.Seconds} s"))
            : span.Minutes == 0 ? string.Create(inv, $"{(int)span.TotalHours} h") : string.Create(inv, $"{(int)span.TotalHours} h {span.Minutes} min");
    }
}
