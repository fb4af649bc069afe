using System.Collections.Concurrent;
using Breakwater.Wire;

namespace Breakwater.Ingest.Collectors;

/// <summary>Counters of one collector, written by its listener and the decoder thread, read by the stats event.</summary>
public sealed class CollectorCounters(string name)
{
    private const int MaxExporters = 65_536;
    private readonly ConcurrentDictionary<string, long> _drops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<NetAddress, long> _exporters = new();
    private long _datagrams;
    private long _records;

    public string Name { get; } = name;

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public long Records => Interlocked.Read(ref _records);

    /// <summary>Drops by reason (snake_case), e.g. <c>queue_full</c>, <c>template_missing</c>.</summary>
    public IReadOnlyDictionary<string, long> Drops => new SortedDictionary<string, long>(_drops, StringComparer.Ordinal);

    /// <summary>Datagrams per exporter address (bounded: new exporters past the limit are counted under drops).</summary>
    public IReadOnlyDictionary<NetAddress, long> Exporters => _exporters;

    public void CountDatagram(NetAddress exporter)
    {
        Interlocked.Increment(ref _datagrams);
        if (_exporters.Count < MaxExporters || _exporters.ContainsKey(exporter))
        {
            _exporters.AddOrUpdate(exporter, 1, static (_, n) => n + 1);
        }
        else
        {
            CountDrop("exporter_limit");
        }
    }

    public void CountRecords(int records) => Interlocked.Add(ref _records, records);

    public void CountDrop(string reason, long count = 1) => _drops.AddOrUpdate(reason, count, (_, n) => n + count);
}
