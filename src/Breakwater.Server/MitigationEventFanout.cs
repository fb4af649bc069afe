using System.Globalization;
using Breakwater.Alerts;
using Breakwater.Mitigation;

namespace Breakwater.Server;

/// <summary>Each mitigation change goes to the event stream (one line) and to the alert channels (the same JSON, a readable summary).</summary>
internal sealed class MitigationEventFanout(EventStreamWriter events, Func<AlertDispatcher?> alerts, TimeProvider time) : IMitigationEvents
{
    public void Publish(string name, MitigationRecord record)
    {
        events.Publish(name, record);

        // Pages only for what touches the network or waits for a person: dry-runs stay in the event stream and the store.
        var worthAlerting = name switch
        {
            MitigationEvents.Announced => true,
            MitigationEvents.Withdrawn => record.Announced is not null,
            _ => record.State == MitigationStates.Pending,
        };
        if (!worthAlerting || alerts() is not { } dispatcher)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            writer.WriteString("time", Core.AnalysisJson.FormatTime(time.GetUtcNow()));
            writer.WritePropertyName("mitigation");
            MitigationJson.Write(writer, record);
            writer.WriteEndObject();
        }

        var what = name switch
        {
            MitigationEvents.Announced => "announced",
            MitigationEvents.Withdrawn => "withdrawn",
            _ => record.State == MitigationStates.DryRun ? "dry-run (not announced)" : "waiting for approval",
        };
        var subject = $"[Breakwater] Mitigation {what}: {record.Kind} {record.Prefix}";
        var routes = record.Routes.Count > 0 ? "Routes:\n  " + string.Join("\n  ", record.Routes) : "";
        var body = string.Create(CultureInfo.InvariantCulture,
            $"Mitigation {record.Id} for incident {record.Incident} ({record.Target}) is {what}.\nKind: {record.Kind}, action: {record.Action}\nWhy: {record.Reason}\nExpires: {Core.AnalysisJson.FormatTime(record.Expires)}\n{routes}");
        dispatcher.DispatchMitigation(name, record.Id, record.Target,
            System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), subject, body);
    }
}
