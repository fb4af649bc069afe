using System.Globalization;
using System.Text.Json;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Timeline;

/// <summary>
/// Reads what the timeline needs from intel files: botnet commands (JSON lines with <c>time, c2, family, method,
/// targets, duration</c>, or CSV with those columns) and responsibility claims (JSON lines with <c>time, actor, target,
/// window, source</c>; <c>window</c> is <c>{"start","end"}</c> or <c>"START/END"</c>). IP-list lines are skipped.
/// </summary>
public static class IntelFileReader
{
    public static (IReadOnlyList<TimelineCommand> Commands, IReadOnlyList<Claim> Claims) ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"Cannot read {path}: {e.Message}", e);
        }

        var name = Path.GetFileName(path);
        var first = lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        if (first is null)
        {
            throw new ReportInputException($"{name} holds no records.");
        }

        var commands = new List<TimelineCommand>();
        var claims = new List<Claim>();
        if (first.StartsWith('{'))
        {
            ReadJsonLines(lines, name, commands, claims);
        }
        else
        {
            ReadCsv(lines, name, commands);
        }

        return (commands, claims);
    }

    /// <summary>True when the file's first record is a claim (has <c>actor</c>): <c>intel import</c> sends it here.</summary>
    public static bool IsClaimsFile(string path)
    {
        try
        {
            var first = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
            if (first is null || !first.StartsWith('{'))
            {
                return false;
            }

            using var doc = JsonDocument.Parse(first);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("actor", out _);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static Claim ParseClaim(JsonElement o, string where)
    {
        var time = Time(o, "time", where);
        var actor = Text(o, "actor") ?? throw new ReportInputException($"{where}: a claim needs \"actor\".");
        var target = Text(o, "target") ?? throw new ReportInputException($"{where}: a claim needs \"target\" (a name, an address or a prefix).");
        DateTimeOffset start, end;
        if (o.TryGetProperty("window", out var window) && window.ValueKind == JsonValueKind.Object)
        {
            start = Time(window, "start", where + " window");
            end = Time(window, "end", where + " window");
        }
        else if (Text(o, "window") is { } text && text.Split('/') is [var a, var b] && Rfc3339.TryParse(a, out start) && Rfc3339.TryParse(b, out end))
        {
        }
        else
        {
            throw new ReportInputException($"{where}: a claim needs \"window\": {{\"start\": T, \"end\": T}} or \"START/END\" with RFC 3339 times.");
        }

        if (end < start)
        {
            throw new ReportInputException($"{where}: the claim's window ends before it starts.");
        }

        return new Claim(time, actor, target, start, end, Text(o, "source"));
    }

    private static void ReadJsonLines(string[] lines, string name, List<TimelineCommand> commands, List<Claim> claims)
    {
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var where = $"{name} line {n + 1}";
            try
            {
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                if (o.ValueKind != JsonValueKind.Object)
                {
                    throw new ReportInputException($"{where}: each line must be one JSON object.");
                }

                if (o.TryGetProperty("actor", out _))
                {
                    claims.Add(ParseClaim(o, where));
                }
                else if (o.TryGetProperty("targets", out var targets))
                {
                    var list = targets.ValueKind == JsonValueKind.Array
                        ? targets.EnumerateArray().Select(t => t.GetString() ?? "").Where(t => t.Length > 0).ToList()
                        : [.. (targets.GetString() ?? "").Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries)];
                    commands.Add(new TimelineCommand(Time(o, "time", where), Number(o, "duration"), Text(o, "c2") ?? "?", Text(o, "family"),
                        Text(o, "method") ?? "?", list, Text(o, "source") ?? name));
                }
            }
            catch (JsonException e)
            {
                throw new ReportInputException($"{where}: not valid JSON ({e.Message}).", e);
            }
        }
    }

    private static void ReadCsv(string[] lines, string name, List<TimelineCommand> commands)
    {
        string[]? columns = null;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
            if (columns is null)
            {
                columns = [.. fields.Select(f => f.ToLowerInvariant())];
                if (!columns.Contains("time") || !columns.Contains("targets"))
                {
                    return; // an IP list: nothing for the timeline
                }

                continue;
            }

            string? Get(string c) => Array.IndexOf(columns, c) is var i and >= 0 && i < fields.Length && fields[i].Length > 0 ? fields[i] : null;
            var where = $"{name} line {n + 1}";
            if (!Rfc3339.TryParse(Get("time"), out var time))
            {
                throw new ReportInputException($"{where}: time '{Get("time")}' is not an RFC 3339 time.");
            }

            var duration = double.TryParse(Get("duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
            commands.Add(new TimelineCommand(time, duration, Get("c2") ?? "?", Get("family"), Get("method") ?? "?",
                [.. (Get("targets") ?? "").Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries)], name));
        }
    }

    private static string? Text(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static double Number(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : o.TryGetProperty(key, out v) && v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static DateTimeOffset Time(JsonElement o, string key, string where) =>
        Text(o, key) is { } text && Rfc3339.TryParse(text, out var t) ? t : throw new ReportInputException($"{where}: \"{key}\" must be an RFC 3339 time.");
}
