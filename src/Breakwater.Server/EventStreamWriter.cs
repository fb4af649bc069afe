using System.Text.Json;
using System.Text.Json.Nodes;
using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Ingest.Collectors;
using Breakwater.Ingest.Flows;

namespace Breakwater.Server;

/// <summary>
/// The daemon's JSON-lines event stream (docs/contracts.md): one object per line with <c>event</c> and <c>time</c>;
/// <c>incident.started|updated|ended</c> carry <c>incident</c> (the analysis document's incident), <c>collector.stats</c>
/// carries <c>collector</c>, <c>datagrams</c>, <c>records</c>, <c>drops</c> and <c>exporters</c>. A failed write (full
/// disk, closed pipe) is kept as <see cref="Failure"/>, naming <paramref name="destination"/>, and signals
/// <see cref="Failed"/> at once so that the daemon stops and says so, instead of losing events silently.
/// </summary>
public sealed partial class EventStreamWriter(TextWriter output, TimeProvider time, string destination = "-") : IIncidentObserver, IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _failed = new();

    /// <summary>Cancelled at the first failed write.</summary>
    public CancellationToken Failed => _failed.Token;

    /// <summary>The first failed write, with a message naming the file; null while all is well.</summary>
    public IOException? Failure { get; private set; }

    /// <summary>
    /// At shutdown: a last <c>incident.updated</c> with status <c>interrupted</c> for each incident still open, so
    /// that a consumer can tell it did not end (after a restart, detection starts afresh: a continuing attack opens a new incident).
    /// </summary>
    public void WriteInterrupted(IEnumerable<IncidentReport> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        foreach (var incident in incidents.Where(i => i.Status != "ended"))
        {
            // A copy with the new status: the engine's report (and a store that resumes it on restart) keeps its own.
            var copy = JsonNode.Parse(AnalysisJson.Serialize(incident))!;
            copy["status"] = "interrupted";
            Write("incident.updated", writer =>
            {
                writer.WritePropertyName("incident");
                copy.WriteTo(writer);
            });
        }
    }

    public void OnStarted(IncidentReport incident) => WriteIncident("incident.started", incident);

    public void OnUpdated(IncidentReport incident) => WriteIncident("incident.updated", incident);

    public void OnEnded(IncidentReport incident) => WriteIncident("incident.ended", incident);

    /// <summary>Writes <c>collector.stats</c>; with <paramref name="interfaces"/> (sFlow counter samples) an <c>interfaces</c> array too.</summary>
    public void WriteCollectorStats(CollectorCounters counters, IReadOnlyList<InterfaceRate>? interfaces = null)
    {
        ArgumentNullException.ThrowIfNull(counters);
        Write("collector.stats", writer =>
        {
            writer.WriteString("collector", counters.Name);
            writer.WriteNumber("datagrams", counters.Datagrams);
            writer.WriteNumber("records", counters.Records);
            writer.WriteStartObject("drops");
            foreach (var (reason, count) in counters.Drops)
            {
                writer.WriteNumber(reason, count);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("exporters");
            foreach (var (address, datagrams) in counters.Exporters.OrderBy(e => e.Key))
            {
                writer.WriteStartObject();
                writer.WriteString("address", address.ToString());
                writer.WriteNumber("datagrams", datagrams);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (interfaces is { Count: > 0 })
            {
                writer.WriteStartArray("interfaces");
                foreach (var rate in interfaces)
                {
                    writer.WriteStartObject();
                    writer.WriteString("agent", rate.Agent.ToString());
                    writer.WriteNumber("if_index", rate.IfIndex);
                    writer.WriteNumber("speed_bps", rate.SpeedBitsPerSecond);
                    writer.WriteNumber("in_bps", Math.Round(rate.InBitsPerSecond));
                    writer.WriteNumber("in_pps", Math.Round(rate.InPacketsPerSecond));
                    writer.WriteNumber("out_bps", Math.Round(rate.OutBitsPerSecond));
                    writer.WriteNumber("out_pps", Math.Round(rate.OutPacketsPerSecond));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        });
    }

    /// <summary>Writes any event of the stream (e.g. <c>config.reloaded</c>); <paramref name="body"/> writes its fields.</summary>
    public void WriteEvent(string name, Action<Utf8JsonWriter> body) => Write(name, body);

    private void WriteIncident(string name, IncidentReport incident) =>
        Write(name, writer =>
        {
            writer.WritePropertyName("incident");
            AnalysisJson.Write(writer, incident);
        });

    private void Write(string name, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            writer.WriteString("time", AnalysisJson.FormatTime(time.GetUtcNow()));
            body(writer);
            writer.WriteEndObject();
        }

        var line = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            if (Failure is not null)
            {
                return;
            }

            try
            {
                output.WriteLine(line);
                output.Flush();
            }
            catch (IOException e)
            {
                var where = destination == "-" ? "standard output" : destination;
                Failure = new IOException($"cannot write events to {where}: {e.Message.TrimEnd('.')}; the daemon stopped.", e);
                _failed.Cancel();
            }
        }
    }

    public void Dispose() => _failed.Dispose();
}
