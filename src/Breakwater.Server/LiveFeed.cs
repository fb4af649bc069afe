using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Breakwater.Core;
using Breakwater.Detection;
using Microsoft.AspNetCore.Http;

namespace Breakwater.Server;

/// <summary>
/// Server-sent events for the dashboard (<c>GET /api/v1/events</c>): incident changes as the engine reports them,
/// operator changes (acknowledged, note), and whatever else is published (live traffic). Each subscriber has a small
/// bounded queue; a slow browser loses its oldest messages, never holds up the detection thread that publishes.
/// </summary>
public sealed class LiveFeed(TimeProvider time) : IIncidentObserver
{
    private const int SubscriberQueue = 256;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private const int RecentCapacity = 1024;
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _subscribers = [];
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public void OnStarted(IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        Remember(incident.Id);
        PublishIncident("incident.started", incident);
    }

    /// <summary>
    /// Whether the engine announced this incident lately: the store writes within a flush interval, and until then
    /// the dashboard that heard of it live must not be told it does not exist.
    /// </summary>
    public bool Announced(string id)
    {
        lock (_gate)
        {
            return _recent.Contains(id);
        }
    }

    private void Remember(string id)
    {
        lock (_gate)
        {
            if (!_recent.Add(id))
            {
                return;
            }

            _recentOrder.Enqueue(id);
            if (_recentOrder.Count > RecentCapacity)
            {
                _recent.Remove(_recentOrder.Dequeue());
            }
        }
    }

    public void OnUpdated(IncidentReport incident) => PublishIncident("incident.updated", incident);

    public void OnEnded(IncidentReport incident) => PublishIncident("incident.ended", incident);

    /// <summary>An operator acknowledged an incident or added a note: the dashboard refreshes its detail.</summary>
    public void PublishOperatorChange(string incidentId, string name) =>
        Publish(name, writer => writer.WriteString("incident_id", incidentId));

    /// <summary>Publishes one event; <paramref name="body"/> writes its fields besides <c>event</c> and <c>time</c>.</summary>
    public void Publish(string name, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Channel<string>[] targets;
        lock (_gate)
        {
            if (_subscribers.Count == 0)
            {
                return;
            }

            targets = [.. _subscribers];
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            writer.WriteString("time", AnalysisJson.FormatTime(time.GetUtcNow()));
            body(writer);
            writer.WriteEndObject();
        }

        var message = $"event: {name}\ndata: {Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)}\n\n";
        foreach (var channel in targets)
        {
            channel.Writer.TryWrite(message);
        }
    }

    internal async Task StreamAsync(HttpContext context)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(SubscriberQueue)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.WriteAsync("retry: 3000\n\n", context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            var ct = context.RequestAborted;
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                try
                {
                    await channel.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    continue;
                }

                while (channel.Reader.TryRead(out var message))
                {
                    await response.WriteAsync(message, ct);
                }

                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away or the server is stopping.
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    private void PublishIncident(string name, IncidentReport incident) =>
        Publish(name, writer =>
        {
            writer.WritePropertyName("incident");
            AnalysisJson.Write(writer, incident);
        });
}
