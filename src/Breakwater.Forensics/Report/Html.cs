using System.Globalization;
using System.Net;

namespace Breakwater.Forensics.Report;

/// <summary>Encoding and number formats for the report (invariant culture, thin units).</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Rate(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " G",
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M",
        >= 1e3 => (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " k",
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";
}
