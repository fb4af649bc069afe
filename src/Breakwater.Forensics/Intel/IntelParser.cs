using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Breakwater.Core;

namespace Breakwater.Forensics.Intel;

/// <summary>
/// Reads intel files: JSON lines (commands with <c>time, c2, family, method, targets, duration</c>; IP entries with
/// <c>address</c> or <c>prefix</c>; the intel store's records), CSV with a header (the same column names; IP lists with
/// <c>address</c>/<c>ip</c>/<c>prefix</c>, <c>family</c>, <c>tags</c>, <c>valid_from</c>, <c>valid_until</c>), or a plain
/// list of addresses and prefixes (one a line, <c>#</c> comments). Errors name the file and the line.
/// </summary>
public static class IntelParser
{
    public static IntelSet ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IntelFormatException($"cannot read {path}: {e.Message}", e);
        }

        var set = Parse(text, Path.GetFileName(path));
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..16];
        if (!set.Provenance.Any(p => p.StartsWith("store ", StringComparison.Ordinal)))
        {
            set.Provenance.Insert(0, Invariant($"{Path.GetFileName(path)} ({Describe(set)}, read {AnalysisJson.FormatTime(DateTimeOffset.UtcNow)}, sha256 {hash}…)"));
        }

        return set;
    }

    public static IntelSet Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var first = lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        var set = new IntelSet();
        if (first is null)
        {
            throw new IntelFormatException($"{name} holds no records.");
        }

        var claims = 0;
        if (first.StartsWith('{'))
        {
            claims = ParseJsonLines(lines, name, set);
        }
        else if (first.Contains(',', StringComparison.Ordinal) && Csv.Split(first).Any(h => KnownColumns.Contains(h.Trim().ToLowerInvariant())))
        {
            ParseCsv(lines, name, set);
        }
        else
        {
            ParsePlain(lines, name, set);
        }

        if (set.IsEmpty && claims == 0)
        {
            throw new IntelFormatException($"{name} holds no records.");
        }

        return set;
    }

    public static string Describe(IntelSet set) => (set.Entries.Count, set.Commands.Count) switch
    {
        (0, 0) => "responsibility claims only",
        (var e, 0) => Invariant($"IP list, {e} entries"),
        (0, var c) => Invariant($"command log, {c} commands"),
        (var e, var c) => Invariant($"{e} IP entries and {c} commands"),
    };

    private static readonly HashSet<string> KnownColumns = ["address", "ip", "prefix", "time", "c2", "targets", "method", "family"];

    /// <summary>Reads JSON lines into <paramref name="set"/>; returns the responsibility claims skipped (the outage timeline reads those).</summary>
    private static int ParseJsonLines(string[] lines, string name, IntelSet set)
    {
        var claims = 0;
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
                    throw new IntelFormatException($"{where}: each line must be one JSON object.");
                }

                string? Str(string key) => o.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
                if (Str("provenance") is { } provenance)
                {
                    set.Provenance.Add("store " + provenance);
                }
                else if (o.TryGetProperty("targets", out var targets))
                {
                    var list = targets.ValueKind == JsonValueKind.Array
                        ? targets.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
                        : [.. (targets.GetString() ?? "").Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries)];
                    set.Commands.Add(Command(where, Str("time"), Str("c2"), Str("family"), Str("method"), list, Str("duration"), Str("source") ?? name));
                }
                else if (o.TryGetProperty("actor", out _))
                {
                    claims++;
                }
                else if ((Str("address") ?? Str("prefix") ?? Str("ip")) is { } address)
                {
                    set.Entries.Add(Entry(where, address, Str("family"), Str("tags"), Str("valid_from"), Str("valid_until"), Str("list") ?? name));
                }
                else
                {
                    throw new IntelFormatException($"{where}: a record needs \"targets\" (a botnet command) or \"address\"/\"prefix\" (an IP list entry).");
                }
            }
            catch (JsonException e)
            {
                throw new IntelFormatException($"{where}: not valid JSON ({e.Message}).", e);
            }
        }

        return claims;
    }

    private static void ParseCsv(string[] lines, string name, IntelSet set)
    {
        var header = -1;
        string[] columns = [];
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = Csv.Split(line);
            if (header < 0)
            {
                header = n;
                columns = [.. fields.Select(f => f.Trim().ToLowerInvariant())];
                continue;
            }

            var where = $"{name} line {n + 1}";
            string? Get(string column)
            {
                var i = Array.IndexOf(columns, column);
                return i >= 0 && i < fields.Count && fields[i].Trim().Length > 0 ? fields[i].Trim() : null;
            }

            if (columns.Contains("targets"))
            {
                var targets = (Get("targets") ?? "").Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries);
                set.Commands.Add(Command(where, Get("time"), Get("c2"), Get("family"), Get("method"), targets, Get("duration"), name));
            }
            else
            {
                var address = Get("address") ?? Get("ip") ?? Get("prefix")
                    ?? throw new IntelFormatException($"{where}: no address; the header names the column address, ip or prefix.");
                set.Entries.Add(Entry(where, address, Get("family"), Get("tags"), Get("valid_from"), Get("valid_until"), name));
            }
        }
    }

    private static void ParsePlain(string[] lines, string name, IntelSet set)
    {
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var text = (hash >= 0 ? line[..hash] : line).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var token = text.Split([' ', '\t', ',', ';'], 2)[0];
            set.Entries.Add(Entry($"{name} line {n + 1}", token, null, null, null, null, name));
        }
    }

    private static IntelEntry Entry(string where, string address, string? family, string? tags, string? from, string? until, string list)
    {
        if (!Prefix.TryParse(address, out var prefix))
        {
            throw new IntelFormatException($"{where}: '{address}' is not an address or prefix (e.g. 192.0.2.7 or 2001:db8::/48).");
        }

        return new IntelEntry(prefix, family, tags, Time(where, "valid_from", from, optional: true), Time(where, "valid_until", until, optional: true), list);
    }

    private static BotnetCommand Command(
        string where, string? time, string? c2, string? family, string? method, IReadOnlyList<string> targets, string? duration, string source)
    {
        var parsed = new List<Prefix>();
        foreach (var t in targets)
        {
            parsed.Add(Prefix.TryParse(t, out var p)
                ? p
                : throw new IntelFormatException($"{where}: target '{t}' is not an address or prefix."));
        }

        if (parsed.Count == 0)
        {
            throw new IntelFormatException($"{where}: a command needs at least one target.");
        }

        var seconds = 0.0;
        if (duration is not null && (!double.TryParse(duration, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds < 0 || !double.IsFinite(seconds)))
        {
            throw new IntelFormatException($"{where}: duration must be a number of seconds, got '{duration}'.");
        }

        return new BotnetCommand(
            Time(where, "time", time, optional: false)!.Value,
            string.IsNullOrWhiteSpace(c2) ? throw new IntelFormatException($"{where}: a command needs its c2 (the server that sent it).") : c2,
            family,
            string.IsNullOrWhiteSpace(method) ? throw new IntelFormatException($"{where}: a command needs its method (e.g. syn, udpplain, greip).") : method.ToLowerInvariant(),
            parsed,
            seconds,
            source);
    }

    private static DateTimeOffset? Time(string where, string key, string? text, bool optional)
    {
        if (text is null)
        {
            return optional ? null : throw new IntelFormatException($"{where}: {key} is missing; give an RFC 3339 time such as 2025-03-10T14:00:00Z.");
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : throw new IntelFormatException($"{where}: {key} '{text}' is not an RFC 3339 time such as 2025-03-10T14:00:00Z.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
