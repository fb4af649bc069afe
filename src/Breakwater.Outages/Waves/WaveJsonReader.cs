using System.Text.Json;

namespace Breakwater.Outages.Waves;

/// <summary>Reads back one wave written by <see cref="WavesJson.WriteWave"/> (the store keeps waves in that form).</summary>
public static class WaveJsonReader
{
    /// <summary>The wave in <paramref name="json"/>, or null when it is not a wave object.</summary>
    public static Wave? Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object || Text(o, "id") is not { } id || Text(o, "signal") is not { } signal
                || !Rfc3339.TryParse(Text(o, "start"), out var start) || !Rfc3339.TryParse(Text(o, "end"), out var end))
            {
                return null;
            }

            var peak = Rfc3339.TryParse(Text(o, "peak"), out var p) ? p : start;
            var categories = o.TryGetProperty("categories", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(c => new CategoryCount(Text(c, "name") ?? "other", (long)Number(c, "reports"), Number(c, "share"))).ToList()
                : [];
            return new Wave
            {
                Id = id, Signal = signal, Start = start, Peak = peak, End = end, PeakCount = Number(o, "peak_count"), Baseline = Number(o, "baseline"),
                BaselineSource = Text(o, "baseline_source") ?? "none", Reports = (long)Number(o, "reports"), ExcessReports = Number(o, "excess_reports"),
                Categories = categories, Ongoing = o.TryGetProperty("ongoing", out var ongoing) && ongoing.ValueKind == JsonValueKind.True,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The wave as one JSON object (what <see cref="Read"/> reads).</summary>
    public static string Write(Wave wave)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WavesJson.WriteWave(writer, wave);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Text(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Number(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
}
