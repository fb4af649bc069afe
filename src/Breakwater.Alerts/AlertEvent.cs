using System.Text;
using System.Text.Json;
using Breakwater.Core;

namespace Breakwater.Alerts;

/// <summary>
/// An incident event as the event stream writes it (<c>{"event", "time", "incident"}</c>), frozen when it happened:
/// <see cref="Json"/> is what a webhook receives and a script reads on stdin.
/// </summary>
public sealed record AlertEvent(string Name, DateTimeOffset Time, string IncidentId, string Target, string Json)
{
    /// <summary>Readable subject for events that carry no incident (mitigations); null for incident events.</summary>
    public string? Subject { get; init; }

    /// <summary>Readable body for events that carry no incident (mitigations); null for incident events.</summary>
    public string? Body { get; init; }

    public static AlertEvent Create(string name, DateTimeOffset time, IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            writer.WriteString("time", AnalysisJson.FormatTime(time));
            writer.WritePropertyName("incident");
            AnalysisJson.Write(writer, incident);
            writer.WriteEndObject();
        }

        return new AlertEvent(name, time, incident.Id, incident.Target, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>The incident inside the event (for readable messages).</summary>
    public IncidentReport Incident()
    {
        using var document = JsonDocument.Parse(Json);
        return AnalysisJson.DeserializeIncident(document.RootElement.GetProperty("incident").GetRawText())!;
    }
}
