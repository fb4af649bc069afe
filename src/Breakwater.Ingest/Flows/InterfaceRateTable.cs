using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Flows;

/// <summary>
/// Interface rates from successive sFlow counter samples: the delta of two totals over the time between them.
/// Bounded (interfaces past the limit are ignored); counter wraps and resets give no rate rather than a wrong one.
/// </summary>
public sealed class InterfaceRateTable
{
    public const int MaxInterfaces = 65_536;
    private readonly Dictionary<(NetAddress Agent, uint IfIndex), Entry> _entries = [];

    public int Count => _entries.Count;

    public void Update(in InterfaceCounters counters, long nowNanos)
    {
        var key = (counters.Agent, counters.IfIndex);
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (_entries.Count >= MaxInterfaces)
            {
                return;
            }

            entry = new Entry();
            _entries[key] = entry;
        }

        if (entry.HasLast && nowNanos > entry.LastNanos
            && counters.InOctets >= entry.Last.InOctets && counters.OutOctets >= entry.Last.OutOctets
            && counters.InPackets >= entry.Last.InPackets && counters.OutPackets >= entry.Last.OutPackets)
        {
            var seconds = (nowNanos - entry.LastNanos) / 1e9;
            entry.Rates = new InterfaceRate(counters.Agent, counters.IfIndex, counters.SpeedBitsPerSecond,
                (counters.InOctets - entry.Last.InOctets) * 8 / seconds, (counters.InPackets - entry.Last.InPackets) / seconds,
                (counters.OutOctets - entry.Last.OutOctets) * 8 / seconds, (counters.OutPackets - entry.Last.OutPackets) / seconds);
        }

        entry.Last = counters;
        entry.LastNanos = nowNanos;
        entry.HasLast = true;
    }

    /// <summary>The latest rate of every interface that has had two counter samples.</summary>
    public IReadOnlyList<InterfaceRate> Snapshot() =>
        _entries.Values.Where(e => e.Rates is not null).Select(e => e.Rates!.Value).OrderBy(r => r.Agent).ThenBy(r => r.IfIndex).ToList();

    private sealed class Entry
    {
        public InterfaceCounters Last;
        public long LastNanos;
        public bool HasLast;
        public InterfaceRate? Rates;
    }
}
