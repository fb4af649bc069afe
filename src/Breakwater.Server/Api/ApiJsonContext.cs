using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Breakwater.Core;

namespace Breakwater.Server.Api;

/// <summary>Source-generated JSON for the API's own bodies: snake_case, RFC 3339 UTC times like the analysis document.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    Converters = [typeof(UtcTimeConverter)])]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(IncidentTimelineResponse))]
[JsonSerializable(typeof(NoteRequest))]
[JsonSerializable(typeof(NoteDto))]
[JsonSerializable(typeof(AckResponse))]
[JsonSerializable(typeof(HostListResponse))]
[JsonSerializable(typeof(HostTrafficResponse))]
[JsonSerializable(typeof(CollectorHealthResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(IntelImportResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(AnalysisJson.FormatTime(value));
}
