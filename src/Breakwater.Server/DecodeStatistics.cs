using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Breakwater.Ingest.Collectors;
using Breakwater.Wire;

namespace Breakwater.Server;

/// <summary>
/// What the decode-and-detect thread measures per datagram, for <c>/metrics</c> and the dashboard: decode time per
/// collector and the last sampling rate per exporter. Written by that one thread, read by scrapes.
/// </summary>
public sealed class DecodeStatistics
{
    private const int MaxExporters = 4_096;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _decodeTicks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Collector, NetAddress Exporter), uint> _sampling = new();
    private CollectorCounters? _lastCounters;
    private StrongBox<long>? _lastTicks;

    /// <summary>Seconds spent decoding and detecting, per collector.</summary>
    public IEnumerable<(string Collector, double Seconds)> DecodeSeconds =>
        _decodeTicks.Select(e => (e.Key, Volatile.Read(ref e.Value.Value) / (double)Stopwatch.Frequency));

    /// <summary>The sampling rate of each exporter's latest datagram that carried records (1 = unsampled).</summary>
    public IEnumerable<(string Collector, NetAddress Exporter, uint Rate)> SamplingRates =>
        _sampling.Select(e => (e.Key.Collector, e.Key.Exporter, e.Value));

    internal void Add(in ReceivedDatagram datagram, long ticks, uint samplingRate)
    {
        if (!ReferenceEquals(datagram.Counters, _lastCounters))
        {
            _lastCounters = datagram.Counters;
            _lastTicks = _decodeTicks.GetOrAdd(datagram.Counters.Name, static _ => new StrongBox<long>());
        }

        Volatile.Write(ref _lastTicks!.Value, _lastTicks.Value + ticks);
        if (samplingRate > 0)
        {
            var key = (datagram.Counters.Name, datagram.Exporter);
            if (!_sampling.TryGetValue(key, out var known) ? _sampling.Count < MaxExporters : known != samplingRate)
            {
                _sampling[key] = samplingRate;
            }
        }
    }
}
