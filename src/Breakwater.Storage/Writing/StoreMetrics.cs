using System.Diagnostics.Metrics;

namespace Breakwater.Storage.Writing;

/// <summary>
/// The writer's instruments (meter <c>Breakwater.Storage</c>, Prometheus names): batches, rows, failures, drops by kind,
/// write latency and queue depth. The plain counters are readable for tests and the health check.
/// </summary>
public sealed class StoreMetrics : IDisposable
{
    public const string MeterName = "Breakwater.Storage";

    private readonly Meter _meter;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _latency;
    private long _batchCount;
    private long _rowCount;
    private long _failureCount;
    private long _droppedTimeline;
    private long _droppedRollups;

    public StoreMetrics(Func<long> queueDepth, IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _batches = _meter.CreateCounter<long>("breakwater_store_batches_total", description: "Store transactions committed by the batched writer.");
        _rows = _meter.CreateCounter<long>("breakwater_store_rows_written_total", description: "Rows written by the batched writer.");
        _failures = _meter.CreateCounter<long>("breakwater_store_write_failures_total", description: "Store flushes that failed (retried).");
        _dropped = _meter.CreateCounter<long>("breakwater_store_dropped_total", description: "Rows dropped because a store queue was full.");
        _latency = _meter.CreateHistogram<double>("breakwater_store_write_seconds", unit: "s", description: "Time to commit one batch.");
        _meter.CreateObservableGauge("breakwater_store_queue_depth", queueDepth, description: "Rows waiting for the store writer.");
    }

    public long Batches => Interlocked.Read(ref _batchCount);

    public long Rows => Interlocked.Read(ref _rowCount);

    public long Failures => Interlocked.Read(ref _failureCount);

    public long DroppedTimeline => Interlocked.Read(ref _droppedTimeline);

    public long DroppedRollups => Interlocked.Read(ref _droppedRollups);

    public long Dropped => DroppedTimeline + DroppedRollups;

    internal void Committed(int rows, double seconds)
    {
        Interlocked.Increment(ref _batchCount);
        Interlocked.Add(ref _rowCount, rows);
        _batches.Add(1);
        _rows.Add(rows);
        _latency.Record(seconds);
    }

    internal void Failed()
    {
        Interlocked.Increment(ref _failureCount);
        _failures.Add(1);
    }

    /// <summary>Counts a dropped row; returns the new total for that kind.</summary>
    internal long Drop(string kind, long count = 1)
    {
        _dropped.Add(count, new KeyValuePair<string, object?>("kind", kind));
        return kind == "timeline" ? Interlocked.Add(ref _droppedTimeline, count) : Interlocked.Add(ref _droppedRollups, count);
    }

    public void Dispose() => _meter.Dispose();
}
