using System.Diagnostics;

namespace Breakwater.Storage.Writing;

/// <summary>The writer's side: collect what the detection side queued, commit it in one batch, retry when the store fails.</summary>
public sealed partial class StoreWriter
{
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Dictionary<string, IncidentWrite> _batchIncidents = new(StringComparer.Ordinal);
    private readonly List<StateChange> _batchStates = [];
    private readonly Dictionary<(string, long, string), (long Packets, long Bytes)> _timelineRows = [];
    private readonly List<TrafficRollup> _rollupRows = [];
    private readonly RollupAggregator _aggregator = new();
    private readonly TimelineBuilder _builder = new();
    private long _rollupsMovedAt;
    private long _failures;
    private long _nextTryAt;
    private long _lastFailureLog;
    private long _retentionAt;

    /// <summary>Rows collected but not yet committed (they wait for the next flush or for the store to come back).</summary>
    public int PendingRows => _batchIncidents.Count + _batchStates.Count + _timelineRows.Count + _rollupRows.Count + _aggregator.Count;

    /// <summary>Starts the writer task (flushes every <see cref="StoreWriterOptions.FlushInterval"/>).</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        _stop = new CancellationTokenSource();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _rollupsMovedAt = now;

        // The first retention pass a minute after start, then every interval.
        _retentionAt = now + 60_000;
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Commits everything queued now, rollups of the current minute included; throws when the store fails.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Collect(moveRollups: true);
            await WriteAsync(rethrow: true, cancellationToken);
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Stops the task and makes a last flush (a clean shutdown loses nothing).</summary>
    public async Task StopAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
            await _loop!;
            _stop.Dispose();
            _stop = null;
            _loop = null;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await FlushAsync(timeout.Token);
        }
        catch (Exception e)
        {
            StoreLog.FinalFlushFailed(_logger, PendingRows, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Metrics.Dispose();
        _flushing.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await _flushing.WaitAsync(cancellationToken);
                try
                {
                    var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                    Collect(moveRollups: now - _rollupsMovedAt >= (long)_options.RollupFlushInterval.TotalMilliseconds);
                    if (now >= _nextTryAt)
                    {
                        await WriteAsync(rethrow: false, cancellationToken);
                    }

                    if (now >= _retentionAt && _failures == 0)
                    {
                        _retentionAt = now + (long)_options.RetentionInterval.TotalMilliseconds;
                        await DeleteExpiredAsync(cancellationToken);
                    }
                }
                finally
                {
                    _flushing.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Collect(bool moveRollups)
    {
        Dictionary<string, PendingIncident> incidents;
        List<StateChange> states;
        (string Id, VectorTotal[] Totals)[] seeds;
        lock (_gate)
        {
            // Snapshots before timeline items: a snapshot's last second never runs ahead of the rows written with it.
            incidents = _incidents;
            _incidents = new Dictionary<string, PendingIncident>(StringComparer.Ordinal);
            states = _states;
            _states = [];
            seeds = [.. _seeds];
            _seeds.Clear();
        }

        foreach (var (id, totals) in seeds)
        {
            _builder.Seed(id, totals);
        }

        List<string>? ended = null;
        foreach (var (id, pending) in incidents)
        {
            var report = IncidentDocument.Deserialize(pending.Document);
            _batchIncidents[id] = new IncidentWrite(report, IncidentChange.Updated, pending.Time, pending.LastSecond);
            if (report.Status == "ended")
            {
                (ended ??= []).Add(id);
            }
        }

        _batchStates.AddRange(states);
        while (_timeline.Reader.TryRead(out var item))
        {
            if (_timelineRows.Count + _rollupRows.Count >= _options.MaxPendingRows)
            {
                CountDrop("timeline");
                continue;
            }

            _builder.Add(item, _timelineRows);
        }

        foreach (var id in ended ?? [])
        {
            _builder.Forget(id);
        }

        while (_seconds.Reader.TryRead(out var second))
        {
            _aggregator.Add(second);
        }

        if (moveRollups)
        {
            if (_rollupRows.Count + _aggregator.Count > _options.MaxPendingRows)
            {
                CountDrop("rollup", _aggregator.Count);
                _aggregator.MoveTo([]);
            }
            else
            {
                _aggregator.MoveTo(_rollupRows);
            }

            _rollupsMovedAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
        }
    }

    private void CountDrop(string kind, long count)
    {
        if (count > 0)
        {
            Metrics.Drop(kind, count);
        }
    }

    private async Task WriteAsync(bool rethrow, CancellationToken cancellationToken)
    {
        var batch = new StoreBatch();
        batch.Incidents.AddRange(_batchIncidents.Values);
        batch.StateChanges.AddRange(_batchStates);
        foreach (var ((id, second, vector), (packets, bytes)) in _timelineRows)
        {
            batch.Timeline.Add(new TimelineRow(id, second, vector, packets, bytes));
        }

        batch.Rollups.AddRange(_rollupRows);
        if (batch.IsEmpty)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await _store.WriteAsync(batch, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(e);
            if (rethrow)
            {
                throw;
            }

            return;
        }

        Metrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        _batchIncidents.Clear();
        _batchStates.Clear();
        _timelineRows.Clear();
        _rollupRows.Clear();
        if (_failures > 0)
        {
            StoreLog.Recovered(_logger, _store.Location, _failures);
            _failures = 0;
            _nextTryAt = 0;
        }
    }

    private void Failed(Exception e)
    {
        Metrics.Failed();
        _failures++;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var delay = Math.Min(1000L << (int)Math.Min(_failures - 1, 10), (long)_options.MaxRetryDelay.TotalMilliseconds);
        _nextTryAt = now + delay;
        if (_failures == 1)
        {
            _lastFailureLog = now;
            StoreLog.WriteFailed(_logger, _store.Location, e.Message, PendingRows);
        }
        else if (now - _lastFailureLog >= 60_000)
        {
            _lastFailureLog = now;
            StoreLog.StillFailing(_logger, _store.Location, _failures, e.Message, PendingRows, Metrics.Dropped);
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        try
        {
            var deleted = await _store.DeleteExpiredAsync(now - _options.RollupRetention, now - _options.TimelineRetention, cancellationToken);
            if (deleted > 0)
            {
                StoreLog.RetentionDeleted(_logger, deleted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StoreLog.RetentionFailed(_logger, e.Message);
        }
    }
}
