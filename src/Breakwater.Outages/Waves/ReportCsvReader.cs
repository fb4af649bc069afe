using System.Globalization;

namespace Breakwater.Outages.Waves;

/// <summary>
/// Reads a report series: <c>time,count[,category]</c> per line, RFC 3339 times, an optional header line, <c>#</c>
/// comments. Every problem names the file and the line and says what is expected.
/// </summary>
public static class ReportCsvReader
{
    /// <summary>Longest line accepted: a report row is short; a longer line is not this kind of file.</summary>
    public const int MaxLineLength = 4096;

    public static IReadOnlyList<ReportRow> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = new StreamReader(path);
            return Read(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"Cannot read {path}: {e.Message}", e);
        }
    }

    public static IReadOnlyList<ReportRow> Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<ReportRow>();
        var lineNumber = 0;
        var sawData = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > MaxLineLength)
            {
                throw Error(name, lineNumber, $"is longer than {MaxLineLength} characters; expected time,count[,category].");
            }

            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            var fields = text.Split(',');
            if (!sawData && fields[0].Trim().Trim('"').Equals("time", StringComparison.OrdinalIgnoreCase))
            {
                CheckHeader(fields, name, lineNumber);
                sawData = true;
                continue;
            }

            sawData = true;
            rows.Add(ParseRow(fields, name, lineNumber));
        }

        if (rows.Count == 0)
        {
            throw new ReportInputException($"{name}: no report rows; expected lines of time,count[,category] such as 2025-03-10T09:45:00Z,120,app.");
        }

        return rows;
    }

    private static void CheckHeader(string[] fields, string name, int line)
    {
        string[] expected = ["time", "count", "category"];
        if (fields.Length is < 2 or > 3)
        {
            throw Error(name, line, "is a header with the wrong columns; expected time,count or time,count,category.");
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (!fields[i].Trim().Trim('"').Equals(expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw Error(name, line, $"header column {i + 1} is '{fields[i].Trim()}'; expected time,count[,category].");
            }
        }
    }

    private static ReportRow ParseRow(string[] fields, string name, int line)
    {
        if (fields.Length is < 2 or > 3)
        {
            throw Error(name, line, $"has {fields.Length} column(s); expected time,count[,category].");
        }

        var timeText = fields[0].Trim().Trim('"');
        if (!Rfc3339.TryParse(timeText, out var time))
        {
            throw Error(name, line, $"time '{Shorten(timeText)}' is not an RFC 3339 time such as 2025-03-10T09:45:00Z.");
        }

        var countText = fields[1].Trim().Trim('"');
        if (!double.TryParse(countText, NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || !double.IsFinite(count) || count < 0)
        {
            throw Error(name, line, $"count '{Shorten(countText)}' is not a number of reports (0 or more).");
        }

        string? category = null;
        if (fields.Length == 3)
        {
            category = fields[2].Trim().Trim('"').ToLowerInvariant();
            if (category.Length == 0)
            {
                category = null;
            }
            else if (category.Length > 64)
            {
                throw Error(name, line, "category is longer than 64 characters.");
            }
        }

        return new ReportRow(time, count, category, line);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static ReportInputException Error(string name, int line, string problem) =>
        new($"{name} line {line.ToString(CultureInfo.InvariantCulture)}: {problem}");
}
