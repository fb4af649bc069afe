using System.Globalization;
using System.Text.RegularExpressions;

namespace Breakwater.Outages;

/// <summary>RFC 3339 date-times: a full date, a time and a zone (Z or ±hh:mm); returned in UTC.</summary>
public static partial class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        var trimmed = text.Trim();
        if (!Pattern().IsMatch(trimmed))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return false;
        }

        time = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>RFC 3339 in UTC with a Z suffix; fractional seconds only when present.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Pattern();
}
