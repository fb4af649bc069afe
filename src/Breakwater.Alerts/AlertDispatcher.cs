using Breakwater.Alerts.Channels;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Detection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Breakwater.Alerts;

/// <summary>
/// The <c>alerts</c> channels as an incident observer. On the detection thread it only freezes the event and hands it
/// to each channel's queue; each channel sends on its own task, so a slow or dead receiver never delays detection or
/// the other channels. Incidents acknowledged through the API get no more alerts.
/// </summary>
public sealed class AlertDispatcher : IIncidentObserver, IAsyncDisposable
{
    private readonly List<ChannelWorker> _workers = [];
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private CancellationTokenSource? _stop;
    private Task? _running;

    /// <summary>Creates a worker per channel; <paramref name="isAcknowledged"/> asks the store whether an incident is acknowledged (null: never).</summary>
    public AlertDispatcher(IReadOnlyList<AlertChannelSettings> channels, Func<string, CancellationToken, Task<bool>>? isAcknowledged = null,
        ILogger? logger = null, TimeProvider? time = null, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null,
        Func<AlertChannelSettings, IAlertChannel?>? channelFactory = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _time = time ?? TimeProvider.System;
        Metrics = new AlertMetrics(meterFactory);
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Breakwater-Alerts/1");
        foreach (var settings in channels)
        {
            var channel = channelFactory?.Invoke(settings) ?? Create(settings);
            _workers.Add(new ChannelWorker(settings, channel, isAcknowledged, Metrics, logger ?? NullLogger.Instance, _time));
        }
    }

    public AlertMetrics Metrics { get; }

    /// <summary>Per channel name: sent, failed, retries, coalesced, suppressed, dropped.</summary>
    public IReadOnlyDictionary<string, ChannelStats> Stats => _workers.ToDictionary(w => w.Name, w => w.Stats);

    public void Start()
    {
        if (_running is not null || _workers.Count == 0)
        {
            return;
        }

        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _running = Task.WhenAll(_workers.Select(w => Task.Run(() => w.RunAsync(token), CancellationToken.None)));
    }

    public void OnStarted(IncidentReport incident) => Dispatch("incident.started", incident);

    public void OnUpdated(IncidentReport incident) => Dispatch("incident.updated", incident);

    public void OnEnded(IncidentReport incident) => Dispatch("incident.ended", incident);

    /// <summary>
    /// A mitigation event (<c>mitigation.announced|withdrawn|pending</c>): <paramref name="json"/> is the event stream's line;
    /// alerts of one mitigation coalesce like those of one incident.
    /// </summary>
    public void DispatchMitigation(string name, string mitigationId, string target, string json, string subject, string body)
    {
        if (_workers.Count == 0)
        {
            return;
        }

        var alert = new AlertEvent(name, _time.GetUtcNow(), mitigationId, target, json) { Subject = subject, Body = body };
        foreach (var worker in _workers)
        {
            worker.Enqueue(alert);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
#pragma warning disable VSTHRD003 // The workers' task was started by Start on this object.
            await _running!;
#pragma warning restore VSTHRD003
            _stop.Dispose();
        }

        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        _http.Dispose();
        Metrics.Dispose();
    }

    private void Dispatch(string name, IncidentReport incident)
    {
        if (_workers.Count == 0)
        {
            return;
        }

        var alert = AlertEvent.Create(name, _time.GetUtcNow(), incident);
        foreach (var worker in _workers)
        {
            worker.Enqueue(alert);
        }
    }

    private IAlertChannel Create(AlertChannelSettings settings) => settings.Type switch
    {
        "webhook" => new WebhookChannel(_http, settings.Url!, settings.Headers),
        "slack" => new SlackChannel(_http, settings.Url!),
        "smtp" => new SmtpChannel(settings),
        _ => new ScriptChannel(settings.Path!, settings.Args),
    };
}
