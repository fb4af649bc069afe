using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Breakwater.Wire;
using Breakwater.Wire.Flows;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Collectors;

/// <summary>
/// Counters of one collector, written by its listener and the decoder thread, read by the stats event and the API.
/// Counting takes no lock and allocates nothing: totals and drops are <see cref="Interlocked"/> cells (drops in arrays
/// indexed by reason), and an exporter's count is a box found with a lock-free lookup.
/// </summary>
public sealed class CollectorCounters(string name)
{
    private const int MaxExporters = 65_536;
    private static readonly string[] CollectorDropNames = SnakeCaseNames<CollectorDrop>();
    private static readonly string[] FlowDropNames = SnakeCaseNames<FlowDropReason>();
    private static readonly string[] AccessLogDropNames = SnakeCaseNames<AccessLogMalformed>();

    private readonly long[] _collectorDrops = new long[CollectorDropNames.Length];
    private readonly long[] _flowDrops = new long[FlowDropNames.Length];
    private readonly long[] _accessLogDrops = new long[AccessLogDropNames.Length];
    private readonly ConcurrentDictionary<NetAddress, StrongBox<long>> _exporters = new();
    private int _exporterCount;
    private long _datagrams;
    private long _records;

    public string Name { get; } = name;

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public long Records => Interlocked.Read(ref _records);

    /// <summary>Drops by reason (snake_case), e.g. <c>queue_full</c>, <c>template_missing</c>; reasons never seen are left out.</summary>
    public IReadOnlyDictionary<string, long> Drops
    {
        get
        {
            var drops = new SortedDictionary<string, long>(StringComparer.Ordinal);
            AddNonZero(drops, _collectorDrops, CollectorDropNames);
            AddNonZero(drops, _flowDrops, FlowDropNames);
            AddNonZero(drops, _accessLogDrops, AccessLogDropNames);
            return drops;
        }
    }

    /// <summary>Datagrams per exporter address (bounded: new exporters past the limit are counted as <c>exporter_limit</c>).</summary>
    public IReadOnlyDictionary<NetAddress, long> Exporters =>
        _exporters.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value));

    public void CountDatagram(NetAddress exporter)
    {
        Interlocked.Increment(ref _datagrams);
        if (_exporters.TryGetValue(exporter, out var count))
        {
            Interlocked.Increment(ref count.Value);
            return;
        }

        if (Interlocked.Increment(ref _exporterCount) > MaxExporters)
        {
            Interlocked.Decrement(ref _exporterCount);
            CountDrop(CollectorDrop.ExporterLimit);
            return;
        }

        var added = _exporters.GetOrAdd(exporter, static _ => new StrongBox<long>());
        Interlocked.Increment(ref added.Value);
    }

    public void CountRecords(int records) => Interlocked.Add(ref _records, records);

    public void CountDrop(CollectorDrop reason, long count = 1) => Interlocked.Add(ref _collectorDrops[(int)reason], count);

    public void CountDrop(FlowDropReason reason, long count = 1) => Interlocked.Add(ref _flowDrops[(int)reason], count);

    /// <summary>Malformed access-log lines (the <c>access_log</c> collector), by the parser's reason.</summary>
    public void CountDrop(AccessLogMalformed reason, long count = 1) => Interlocked.Add(ref _accessLogDrops[(int)reason], count);

    private static void AddNonZero(SortedDictionary<string, long> drops, long[] counts, string[] names)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            var count = Interlocked.Read(ref counts[i]);
            if (count > 0)
            {
                drops[names[i]] = count;
            }
        }
    }

    private static string[] SnakeCaseNames<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetNames<TEnum>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)];
}
