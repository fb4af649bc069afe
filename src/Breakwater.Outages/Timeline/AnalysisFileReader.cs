using System.Text.Json;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Timeline;

/// <summary>Reads the incidents of a <c>breakwater.analysis/v1</c> document (only the fields the timeline shows).</summary>
public static class AnalysisFileReader
{
    public static IReadOnlyList<TimelineIncident> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != "breakwater.analysis/v1"
                || !root.TryGetProperty("incidents", out var incidents) || incidents.ValueKind != JsonValueKind.Array)
            {
                throw new ReportInputException($"{path} is not a breakwater.analysis/v1 document (run 'breakwater analyze FILE --json OUT').");
            }

            return [.. incidents.EnumerateArray().Select((i, n) => Incident(i, $"{path} incident {n + 1}"))];
        }
        catch (JsonException e)
        {
            throw new ReportInputException($"{path} is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"Cannot read {path}: {e.Message}", e);
        }
    }

    public static TimelineIncident Incident(JsonElement i, string where)
    {
        string? Str(string k) => i.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double Num(string k) => i.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
        if (!Rfc3339.TryParse(Str("start"), out var start))
        {
            throw new ReportInputException($"{where}: \"start\" must be an RFC 3339 time.");
        }

        var end = Rfc3339.TryParse(Str("end"), out var e) ? e : start;
        var vectors = i.TryGetProperty("vectors", out var vs) && vs.ValueKind == JsonValueKind.Array
            ? vs.EnumerateArray().Select(v => v.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "").Where(n => n.Length > 0).ToList()
            : [];
        var botnet = i.TryGetProperty("botnet", out var b) && b.ValueKind == JsonValueKind.Object && b.TryGetProperty("family", out var f) ? f.GetString() : null;
        return new TimelineIncident(Str("id") ?? "?", Str("target") ?? "?", start, end, vectors, Num("peak_pps"), Num("peak_bps"), botnet);
    }
}
