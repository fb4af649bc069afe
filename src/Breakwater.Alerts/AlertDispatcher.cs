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
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Func<string, CancellationToken, Task<bool>>? _isAcknowledged;
    private readonly ILogger _logger;
    private readonly Func<AlertChannelSettings, IAlertChannel?>? _channelFactory;
    private readonly Lock _gate = new();
    private readonly Dictionary<ChannelWorker, (CancellationTokenSource Stop, Task Running)> _running = [];
    private readonly List<Task> _retiring = [];
    private bool _started;

    // Read on the detection thread without a lock; a reload swaps in a new list whole.
    private volatile List<ChannelWorker> _workers = [];

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
        _isAcknowledged = isAcknowledged;
        _logger = logger ?? NullLogger.Instance;
        _channelFactory = channelFactory;
        _workers = [.. channels.Select(NewWorker)];
    }

    public AlertMetrics Metrics { get; }

    /// <summary>Per channel name: sent, failed, retries, coalesced, suppressed, dropped.</summary>
    public IReadOnlyDictionary<string, ChannelStats> Stats => _workers.ToDictionary(w => w.Name, w => w.Stats);

    public void Start()
    {
        lock (_gate)
        {
            _started = true;
            foreach (var worker in _workers.Where(w => !_running.ContainsKey(w)))
            {
                Run(worker);
            }
        }
    }

    /// <summary>
    /// Hot reload: channels whose settings did not change keep running (their waiting events, rate budget and counts);
    /// removed or changed ones stop after the try in flight, and new or changed ones start. Returns the channel names
    /// that were added, changed and removed.
    /// </summary>
    public (IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed) Reconfigure(
        IReadOnlyList<AlertChannelSettings> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        lock (_gate)
        {
            var old = _workers;
            var next = new List<ChannelWorker>();
            List<string> added = [], changed = [], removed = [];
            foreach (var settings in channels)
            {
                var kept = old.FirstOrDefault(w => w.Settings.SameAs(settings));
                if (kept is null)
                {
                    (old.Any(w => w.Name == settings.Name) ? changed : added).Add(settings.Name);
                    kept = NewWorker(settings);
                    if (_started)
                    {
                        Run(kept);
                    }
                }

                next.Add(kept);
            }

            foreach (var worker in old.Where(w => !next.Contains(w)))
            {
                if (!channels.Any(c => c.Name == worker.Name))
                {
                    removed.Add(worker.Name);
                }

                Retire(worker);
            }

            _workers = next;
            return (added, changed, removed);
        }
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
        Task[] stopping;
        lock (_gate)
        {
            foreach (var worker in _workers)
            {
                Retire(worker);
            }

            _workers = [];
            stopping = [.. _retiring];
        }

#pragma warning disable VSTHRD003 // The workers' tasks were started by this object.
        await Task.WhenAll(stopping);
#pragma warning restore VSTHRD003
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

    private ChannelWorker NewWorker(AlertChannelSettings settings) =>
        new(settings, _channelFactory?.Invoke(settings) ?? Create(settings), _isAcknowledged, Metrics, _logger, _time);

    private void Run(ChannelWorker worker)
    {
        var stop = new CancellationTokenSource();
        _running[worker] = (stop, Task.Run(() => worker.RunAsync(stop.Token), CancellationToken.None));
    }

    /// <summary>Stops a worker that leaves the set (its in-flight try ends by cancellation) and disposes it afterwards.</summary>
    private void Retire(ChannelWorker worker)
    {
        if (!_running.Remove(worker, out var run))
        {
            worker.Dispose();
            return;
        }

        run.Stop.Cancel();
        _retiring.RemoveAll(t => t.IsCompleted);
        _retiring.Add(run.Running.ContinueWith(
            _ =>
            {
                run.Stop.Dispose();
                worker.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default));
    }

    private IAlertChannel Create(AlertChannelSettings settings) => settings.Type switch
    {
        "webhook" => new WebhookChannel(_http, settings.Url!, settings.Headers),
        "slack" => new SlackChannel(_http, settings.Url!),
        "smtp" => new SmtpChannel(settings),
        _ => new ScriptChannel(settings.Path!, settings.Args),
    };
}
