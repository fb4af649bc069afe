using System.Text.Json;
using Breakwater.Outages.Timeline;

namespace Breakwater.Outages.Probes;

/// <summary>A probe state change as one JSON object (the <c>probe.state</c> fields), written for the store and read back.</summary>
public static class ProbeStateJson
{
    public static string Write(ProbeStateChange change)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TimelineJson.WriteProbeState(writer, change);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The change in <paramref name="json"/>, or null when it is not one.</summary>
    public static ProbeStateChange? Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object || Text(o, "probe") is not { } probe || !Rfc3339.TryParse(Text(o, "time"), out var time))
            {
                return null;
            }

            return new ProbeStateChange
            {
                Probe = probe, Time = time, State = State(Text(o, "state")), Previous = State(Text(o, "previous")),
                Vantage = Text(o, "vantage") ?? "", Reason = Text(o, "reason") ?? "",
                Cycling = o.TryGetProperty("cycling", out var c) && c.ValueKind == JsonValueKind.True,
                Failing = o.TryGetProperty("failing", out var f) && f.ValueKind == JsonValueKind.Array ? [.. f.EnumerateArray().Select(v => v.GetString() ?? "")] : [],
                Vantages = o.TryGetProperty("vantages", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0,
                LatencyMs = Number(o, "latency_ms"), BaselineMs = Number(o, "baseline_ms"),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    public static ProbeState State(string? name) => name switch
    {
        "up" => ProbeState.Up,
        "degraded" => ProbeState.Degraded,
        "down" => ProbeState.Down,
        _ => ProbeState.Unknown,
    };

    private static string? Text(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
