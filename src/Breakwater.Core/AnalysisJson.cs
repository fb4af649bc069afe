using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Breakwater.Core;

/// <summary>Serialises the analysis document exactly as PRODUCT.md shows it: snake_case, RFC 3339 UTC times.</summary>
public static class AnalysisJson
{
    public static void Write(Stream stream, AnalysisDocument document) =>
        JsonSerializer.Serialize(stream, document, AnalysisJsonContext.Default.AnalysisDocument);

    public static string Serialize(AnalysisDocument document) =>
        JsonSerializer.Serialize(document, AnalysisJsonContext.Default.AnalysisDocument);

    public static string Serialize(IncidentReport incident) =>
        JsonSerializer.Serialize(incident, AnalysisJsonContext.Default.IncidentReport);

    /// <summary>Writes one incident as a compact JSON object (the event stream embeds it in a line).</summary>
    public static void Write(Utf8JsonWriter writer, IncidentReport incident) =>
        JsonSerializer.Serialize(writer, incident, AnalysisJsonContext.Default.IncidentReport);

    public static AnalysisDocument? Deserialize(string json) =>
        JsonSerializer.Deserialize(json, AnalysisJsonContext.Default.AnalysisDocument);

    /// <summary>Reads one incident (as <see cref="Serialize(IncidentReport)"/> or the store writes it).</summary>
    public static IncidentReport? DeserializeIncident(string json) =>
        JsonSerializer.Deserialize(json, AnalysisJsonContext.Default.IncidentReport);

    /// <summary>RFC 3339 in UTC with a Z suffix; fractional seconds only when present.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

internal sealed class Rfc3339UtcConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(AnalysisJson.FormatTime(value));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    WriteIndented = true,
    Converters = [typeof(Rfc3339UtcConverter)])]
[JsonSerializable(typeof(AnalysisDocument))]
[JsonSerializable(typeof(IncidentReport))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;
