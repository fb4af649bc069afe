using System.Diagnostics;
using Breakwater.Configuration;
using Microsoft.Extensions.Logging;

namespace Breakwater.Alerts;

/// <summary>
/// One channel's queue and task. Waiting events are kept per incident and coalesced (a newer event replaces the older
/// one; a waiting <c>incident.started</c> stays a start with the newer numbers unless the incident has ended), sent oldest
/// incident first within the rate limit (a token bucket of <see cref="AlertChannelSettings.MaxPerMinute"/>), each try
/// bounded by the timeout and retried with exponential backoff.
/// </summary>
internal sealed class ChannelWorker : IDisposable
{
    /// <summary>Incidents with an event waiting, per channel; more are dropped and counted.</summary>
    public const int MaxWaiting = 1024;

    private readonly AlertChannelSettings _settings;
    private readonly IAlertChannel _channel;
    private readonly Func<string, CancellationToken, Task<bool>>? _isAcknowledged;
    private readonly AlertMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AlertEvent> _waiting = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private double _tokens;
    private long _refilledAt;

    public ChannelWorker(AlertChannelSettings settings, IAlertChannel channel, Func<string, CancellationToken, Task<bool>>? isAcknowledged,
        AlertMetrics metrics, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _channel = channel;
        _isAcknowledged = isAcknowledged;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _tag = new KeyValuePair<string, object?>("channel", settings.Name);
        _tokens = settings.MaxPerMinute;
        _refilledAt = time.GetTimestamp();
    }

    public string Name => _settings.Name;

    public AlertChannelSettings Settings => _settings;

    public ChannelStats Stats { get; } = new();

    /// <summary>Detection thread: keep the event (coalesced with a waiting one for the same incident) and return.</summary>
    public void Enqueue(AlertEvent alert)
    {
        if (!_settings.Events.Contains(alert.Name))
        {
            return;
        }

        lock (_gate)
        {
            if (_waiting.TryGetValue(alert.IncidentId, out var older))
            {
                _waiting[alert.IncidentId] = older.Name == "incident.started" && alert.Name == "incident.updated"
                    ? alert with { Name = older.Name, Json = alert.Json.Replace("\"incident.updated\"", "\"incident.started\"", StringComparison.Ordinal) }
                    : alert;
                Stats.AddCoalesced();
                _metrics.Coalesced.Add(1, _tag);
                return;
            }

            if (_waiting.Count >= MaxWaiting)
            {
                Stats.AddDropped();
                _metrics.Dropped.Add(1, _tag);
                AlertLog.Dropped(_logger, Name, alert.Name, alert.IncidentId);
                return;
            }

            _waiting[alert.IncidentId] = alert;
            _order.Enqueue(alert.IncidentId);
        }

        _signal.Release();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(cancellationToken);
                await WaitForTokenAsync(cancellationToken);
                AlertEvent alert;
                lock (_gate)
                {
                    var id = _order.Dequeue();
                    _waiting.Remove(id, out alert!);
                }

                await DeliverAsync(alert, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        if (await IsAcknowledgedAsync(alert.IncidentId, cancellationToken))
        {
            Stats.AddSuppressed();
            _metrics.Suppressed.Add(1, _tag);
            return;
        }

        var tries = _settings.Retries + 1;
        for (var attempt = 1; attempt <= tries; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            try
            {
                await _channel.SendAsync(alert, timeout.Token);
                _metrics.SendSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _tag);
                Stats.AddSent();
                _metrics.Sent.Add(1, _tag);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _metrics.SendSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _tag);
                var reason = e is OperationCanceledException ? $"no answer within {_settings.Timeout.TotalSeconds:0.#} s" : e.Message;
                AlertLog.TryFailed(_logger, alert.Name, alert.IncidentId, Name, attempt, tries, reason);
                if (attempt == tries)
                {
                    break;
                }

                Stats.AddRetry();
                _metrics.Retries.Add(1, _tag);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << (attempt - 1))), _time, cancellationToken);
            }
        }

        Stats.AddFailed();
        _metrics.Failed.Add(1, _tag);
        AlertLog.GaveUp(_logger, alert.Name, alert.IncidentId, Name, tries);
    }

    private async Task<bool> IsAcknowledgedAsync(string id, CancellationToken cancellationToken)
    {
        if (_isAcknowledged is null)
        {
            return false;
        }

        if (_acknowledged.Contains(id))
        {
            return true;
        }

        try
        {
            // An acknowledgement is never taken back: once seen it is remembered.
            if (await _isAcknowledged(id, cancellationToken))
            {
                _acknowledged.Add(id);
                return true;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AlertLog.AckLookupFailed(_logger, id, e.Message);
        }

        return false;
    }

    public void Dispose() => _signal.Dispose();

    private async Task WaitForTokenAsync(CancellationToken cancellationToken)
    {
        var perSecond = _settings.MaxPerMinute / 60.0;
        while (true)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_settings.MaxPerMinute, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return;
            }

            // Events arriving meanwhile for the same incident are coalesced into the waiting one.
            await Task.Delay(TimeSpan.FromSeconds((1 - _tokens) / perSecond), _time, cancellationToken);
        }
    }
}
