using System.Text.Json;

namespace Breakwater.Outages.Waves;

/// <summary>
/// The <c>breakwater.waves/v1</c> document (docs/outages.md): <c>schema</c>, <c>input</c>, <c>waves</c> with
/// <c>start</c>, <c>peak</c>, <c>end</c>, <c>peak_count</c>, <c>baseline</c>, <c>categories</c> and extensions.
/// </summary>
public static class WavesJson
{
    public const string SchemaName = "breakwater.waves/v1";

    public static void Write(Stream stream, WaveResult result, string inputName)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("schema", SchemaName);
        writer.WriteStartObject("input");
        writer.WriteString("file", inputName);
        writer.WriteString("first", Rfc3339.Format(result.Series.Start));
        writer.WriteString("last", Rfc3339.Format(result.Series.End));
        writer.WriteNumber("bucket_seconds", (long)result.Series.Bucket.TotalSeconds);
        writer.WriteNumber("buckets", result.Series.Buckets.Count);
        writer.WriteNumber("reports", Math.Round(result.Series.Buckets.Sum(b => b.Count)));
        writer.WriteString("baseline_mode", result.BaselineMode);
        writer.WriteEndObject();
        writer.WriteStartArray("waves");
        foreach (var wave in result.Waves)
        {
            WriteWave(writer, wave);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string Serialize(WaveResult result, string inputName)
    {
        using var buffer = new MemoryStream();
        Write(buffer, result, inputName);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One wave as a JSON object (also embedded in events, the API and the timeline).</summary>
    public static void WriteWave(Utf8JsonWriter writer, Wave wave)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(wave);
        writer.WriteStartObject();
        writer.WriteString("id", wave.Id);
        writer.WriteString("signal", wave.Signal);
        writer.WriteString("start", Rfc3339.Format(wave.Start));
        writer.WriteString("peak", Rfc3339.Format(wave.Peak));
        writer.WriteString("end", Rfc3339.Format(wave.End));
        writer.WriteNumber("peak_count", wave.PeakCount);
        writer.WriteNumber("baseline", wave.Baseline);
        writer.WriteNumber("magnitude", Math.Round(wave.Magnitude, 2));
        writer.WriteString("baseline_source", wave.BaselineSource);
        writer.WriteNumber("reports", wave.Reports);
        writer.WriteNumber("excess_reports", wave.ExcessReports);
        writer.WriteStartArray("categories");
        foreach (var category in wave.Categories)
        {
            writer.WriteStartObject();
            writer.WriteString("name", category.Name);
            writer.WriteNumber("reports", category.Reports);
            writer.WriteNumber("share", category.Share);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("ongoing", wave.Ongoing);
        writer.WriteEndObject();
    }
}
