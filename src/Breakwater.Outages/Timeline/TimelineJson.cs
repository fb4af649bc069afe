using System.Text.Json;
using Breakwater.Outages.Probes;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Timeline;

/// <summary>Writes the <c>breakwater.timeline/v1</c> document (docs/outages.md).</summary>
public static class TimelineJson
{
    public static void Write(Stream stream, TimelineDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("schema", TimelineDocument.SchemaName);
        w.WriteString("service", doc.Service);
        w.WriteString("from", Rfc3339.Format(doc.From));
        w.WriteString("to", Rfc3339.Format(doc.To));
        w.WriteNumber("window_seconds", (long)doc.Window.TotalSeconds);
        w.WriteStartArray("waves");
        foreach (var wave in doc.Waves)
        {
            using var buffer = new MemoryStream();
            using (var inner = new Utf8JsonWriter(buffer))
            {
                WavesJson.WriteWave(inner, wave.Wave);
            }

            // The wave object as in breakwater.waves/v1, plus its links.
            using var parsed = JsonDocument.Parse(buffer.ToArray());
            w.WriteStartObject();
            foreach (var property in parsed.RootElement.EnumerateObject())
            {
                property.WriteTo(w);
            }

            w.WriteStartArray("related");
            foreach (var link in wave.Links)
            {
                w.WriteStartObject();
                w.WriteString("kind", link.Kind);
                w.WriteString("id", link.Id);
                w.WriteString("relation", link.Relation);
                w.WriteNumber("lag_seconds", link.LagSeconds);
                w.WriteString("text", link.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("probe_states");
        foreach (var p in doc.ProbeStates)
        {
            WriteProbeState(w, p);
        }

        w.WriteEndArray();
        w.WriteStartArray("incidents");
        foreach (var i in doc.Incidents)
        {
            w.WriteStartObject();
            w.WriteString("id", i.Id);
            w.WriteString("target", i.Target);
            w.WriteString("start", Rfc3339.Format(i.Start));
            w.WriteString("end", Rfc3339.Format(i.End));
            w.WriteStartArray("vectors");
            foreach (var v in i.Vectors)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            w.WriteNumber("peak_pps", i.PeakPps);
            w.WriteNumber("peak_bps", i.PeakBps);
            if (i.Botnet is not null)
            {
                w.WriteString("botnet", i.Botnet);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("mitigations");
        foreach (var m in doc.Mitigations)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Id);
            w.WriteString("incident", m.Incident);
            w.WriteString("kind", m.Kind);
            w.WriteString("prefix", m.Prefix);
            w.WriteString("start", Rfc3339.Format(m.Start));
            w.WriteString("end", m.End is { } e ? Rfc3339.Format(e) : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("commands");
        foreach (var c in doc.Commands)
        {
            w.WriteStartObject();
            w.WriteString("time", Rfc3339.Format(c.Time));
            w.WriteString("c2", c.C2);
            w.WriteString("family", c.Family);
            w.WriteString("method", c.Method);
            w.WriteStartArray("targets");
            foreach (var t in c.Targets)
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteNumber("duration", c.DurationSeconds);
            w.WriteString("source", c.Source);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("claims");
        foreach (var a in doc.Claims)
        {
            w.WriteStartObject();
            w.WriteString("time", Rfc3339.Format(a.Claim.Time));
            w.WriteString("actor", a.Claim.Actor);
            w.WriteString("target", a.Claim.Target);
            w.WriteStartObject("window");
            w.WriteString("start", Rfc3339.Format(a.Claim.WindowStart));
            w.WriteString("end", Rfc3339.Format(a.Claim.WindowEnd));
            w.WriteEndObject();
            w.WriteString("source", a.Claim.Source);
            w.WriteString("finding", a.Finding);
            w.WriteBoolean("target_attacked", a.TargetAttacked);
            Strings(w, "incidents", a.Incidents);
            Strings(w, "waves", a.Waves);
            Strings(w, "commands", a.Commands);
            w.WriteString("timing", a.Timing);
            w.WriteString("text", a.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string Serialize(TimelineDocument doc)
    {
        using var buffer = new MemoryStream();
        Write(buffer, doc);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A probe state change as in the <c>probe.state</c> event (without <c>event</c> and <c>time</c> wrappers' order).</summary>
    public static void WriteProbeState(Utf8JsonWriter w, ProbeStateChange p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        w.WriteStartObject();
        WriteProbeStateFields(w, p);
        w.WriteEndObject();
    }

    public static void WriteProbeStateFields(Utf8JsonWriter w, ProbeStateChange p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        w.WriteString("time", Rfc3339.Format(p.Time));
        w.WriteString("probe", p.Probe);
        w.WriteString("state", ProbeStateChange.Name(p.State));
        w.WriteString("previous", ProbeStateChange.Name(p.Previous));
        w.WriteString("vantage", p.Vantage);
        w.WriteBoolean("cycling", p.Cycling);
        w.WriteString("reason", p.Reason);
        Strings(w, "failing", p.Failing);
        w.WriteNumber("vantages", p.Vantages);
        if (p.LatencyMs is { } l)
        {
            w.WriteNumber("latency_ms", l);
        }

        if (p.BaselineMs is { } b)
        {
            w.WriteNumber("baseline_ms", b);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
