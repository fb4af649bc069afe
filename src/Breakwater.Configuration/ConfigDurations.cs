using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>Durations in the configuration: a number and a unit, <c>500ms</c>, <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>.</summary>
internal static class ConfigDurations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var t = text.Trim();
        var unitStart = 0;
        while (unitStart < t.Length && (char.IsAsciiDigit(t[unitStart]) || t[unitStart] == '.'))
        {
            unitStart++;
        }

        if (unitStart == 0 || !double.TryParse(t.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        double? seconds = t[unitStart..] switch
        {
            "ms" => number / 1000,
            "s" => number,
            "m" => number * 60,
            "h" => number * 3600,
            "d" => number * 86_400,
            _ => null,
        };
        if (seconds is not { } s || !double.IsFinite(s) || s > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(s);
        return true;
    }

    /// <summary>Reads a duration within [<paramref name="min"/>, <paramref name="max"/>]; the error names the key and the range.</summary>
    public static TimeSpan Read(YamlNodeReader reader, YamlNode node, string keyPath, TimeSpan min, TimeSpan max)
    {
        var text = (node as YamlScalarNode)?.Value ?? "";
        if (TryParse(text, out var value) && value >= min && value <= max)
        {
            return value;
        }

        throw reader.Error(node, keyPath,
            $"must be a duration from {Describe(min)} to {Describe(max)} written as a number and a unit (ms, s, m, h, d), e.g. 30s or 7d; got '{text}'.");
    }

    public static string Describe(TimeSpan span) => span switch
    {
        _ when span.TotalDays >= 1 && span.TotalDays % 1 == 0 => $"{span.TotalDays:0}d",
        _ when span.TotalHours >= 1 && span.TotalHours % 1 == 0 => $"{span.TotalHours:0}h",
        _ when span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 => $"{span.TotalMinutes:0}m",
        _ when span.TotalSeconds >= 1 && span.TotalSeconds % 1 == 0 => $"{span.TotalSeconds:0}s",
        _ => $"{span.TotalMilliseconds:0}ms",
    };
}
