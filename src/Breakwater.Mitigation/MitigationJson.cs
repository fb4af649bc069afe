using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Breakwater.Core;

namespace Breakwater.Mitigation;

/// <summary>The mitigation record as JSON: snake_case, RFC 3339 UTC times, like the analysis document.</summary>
public static class MitigationJson
{
    public static string Serialize(MitigationRecord record) => JsonSerializer.Serialize(record, MitigationJsonContext.Default.MitigationRecord);

    public static void Write(Utf8JsonWriter writer, MitigationRecord record) =>
        JsonSerializer.Serialize(writer, record, MitigationJsonContext.Default.MitigationRecord);

    public static MitigationRecord? Deserialize(string json) => JsonSerializer.Deserialize(json, MitigationJsonContext.Default.MitigationRecord);
}

internal sealed class MitigationTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(AnalysisJson.FormatTime(value));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(MitigationTimeConverter)])]
[JsonSerializable(typeof(MitigationRecord))]
internal sealed partial class MitigationJsonContext : JsonSerializerContext;
