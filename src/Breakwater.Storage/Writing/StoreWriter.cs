using System.Threading.Channels;
using Breakwater.Core;
using Breakwater.Detection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Breakwater.Storage.Writing;

/// <summary>
/// Writes what the engine reports to the store on its own task, never on the decode-and-detect thread. The detection
/// side only copies: incident snapshots go into a map (the latest per incident wins, so lifecycle changes are never
/// dropped), timeline updates and per-target seconds into bounded queues (full: dropped and counted). Every
/// <see cref="StoreWriterOptions.FlushInterval"/> the writer commits one batch; when the store fails, the batch stays in
/// memory (bounded), is retried with backoff, and the failure is counted and logged.
/// </summary>
public sealed partial class StoreWriter : IIncidentObserver, ITargetSecondObserver, IAsyncDisposable
{
    private readonly IIncidentStore _store;
    private readonly StoreWriterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<TimelineItem> _timeline;
    private readonly Channel<TargetSecond> _seconds;
    private readonly Lock _gate = new();
    private Dictionary<string, PendingIncident> _incidents = new(StringComparer.Ordinal);
    private List<StateChange> _states = [];
    private readonly List<(string Id, VectorTotal[] Totals)> _seeds = [];
    private long _currentSecond;
    private long _lastDropLog;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public StoreWriter(IIncidentStore store, StoreWriterOptions? options = null, ILogger? logger = null, TimeProvider? time = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new StoreWriterOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _timeline = Channel.CreateBounded<TimelineItem>(new BoundedChannelOptions(_options.TimelineQueue)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        _seconds = Channel.CreateBounded<TargetSecond>(new BoundedChannelOptions(_options.RollupQueue)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        Metrics = new StoreMetrics(() => _timeline.Reader.Count + _seconds.Reader.Count + PendingRows, meterFactory);
    }

    public StoreMetrics Metrics { get; }

    public IIncidentStore Store => _store;

    // ---- detection thread: copy and return ----

    public void OnStarted(IncidentReport incident) => Enqueue(incident, "detected");

    public void OnUpdated(IncidentReport incident) => Enqueue(incident, null);

    public void OnEnded(IncidentReport incident) => Enqueue(incident, "ended");

    public void OnTargetSecond(in TargetSecond second)
    {
        if (second.Second > _currentSecond)
        {
            Volatile.Write(ref _currentSecond, second.Second);
        }

        if (!_seconds.Writer.TryWrite(second))
        {
            CountDrop("rollup");
        }
    }

    /// <summary>Records a state change of an incident (e.g. <c>resumed</c> after a restart) with the next flush.</summary>
    public void RecordState(StateChange change)
    {
        lock (_gate)
        {
            _states.Add(change);
        }
    }

    /// <summary>An incident resumed after a restart: its stored vector totals are the base of the next timeline rows.</summary>
    public void SeedTimeline(string incidentId, IReadOnlyList<VectorReport> storedVectors)
    {
        lock (_gate)
        {
            _seeds.Add((incidentId, VectorTotal.From(storedVectors)));
        }
    }

    private void Enqueue(IncidentReport incident, string? state)
    {
        // The engine keeps changing its report after this call returns: the JSON is the snapshot.
        var document = IncidentDocument.Serialize(incident);
        var now = _time.GetUtcNow();
        var second = Volatile.Read(ref _currentSecond);
        if (second == 0 || state == "ended")
        {
            second = incident.End is { } end && state == "ended" ? end.ToUnixTimeSeconds() : Math.Max(second, now.ToUnixTimeSeconds() - 1);
        }

        lock (_gate)
        {
            _incidents[incident.Id] = new PendingIncident(document, now, second);
            if (state is not null)
            {
                _states.Add(new StateChange(incident.Id, now, state, state == "detected" ? incident.Reason : null));
            }
        }

        if (!_timeline.Writer.TryWrite(new TimelineItem(incident.Id, second, incident.Start.ToUnixTimeSeconds(), VectorTotal.From(incident.Vectors))))
        {
            CountDrop("timeline");
        }
    }

    private void CountDrop(string kind)
    {
        var total = Metrics.Drop(kind);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastDropLog);
        if (now - last >= 60_000 && Interlocked.CompareExchange(ref _lastDropLog, now, last) == last)
        {
            StoreLog.Dropping(_logger, kind, total);
        }
    }
}
