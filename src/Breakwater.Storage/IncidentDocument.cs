using System.Buffers;
using System.Text;
using System.Text.Json;
using Breakwater.Core;

namespace Breakwater.Storage;

/// <summary>An incident as the compact analysis-document JSON the store keeps (every field, future ones included).</summary>
internal static class IncidentDocument
{
    public static string Serialize(IncidentReport incident)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            AnalysisJson.Write(writer, incident);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IncidentReport Deserialize(string json) =>
        AnalysisJson.DeserializeIncident(json) ?? throw new InvalidDataException("A stored incident document is empty.");
}
