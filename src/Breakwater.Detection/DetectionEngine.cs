using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Streaming detector: per-target one-second counters, thresholds with hysteresis, incident lifecycle,
/// vector classification, unique-source estimates and fingerprints. Single-threaded; time is the records' own
/// timestamps (capture time offline, arrival time live). Memory is bounded by <see cref="DetectionSettings.MaxTrackedTargets"/>.
/// </summary>
public sealed class DetectionEngine
{
    public DetectionEngine(DetectionSettings settings, IIncidentObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Observer = observer;
    }

    public DetectionSettings Settings { get; }

    public IIncidentObserver? Observer { get; }

    /// <summary>Hot path: counts one record. Records must arrive in roughly increasing time order.</summary>
    public void Add(ref TrafficRecord record, ReadOnlySpan<byte> payload) => throw new NotImplementedException();

    /// <summary>Closes every second before <paramref name="unixNanos"/> (live mode: called by a timer when traffic stops).</summary>
    public void AdvanceTo(long unixNanos) => throw new NotImplementedException();

    /// <summary>End of input: evaluates the last (possibly partial) second, short captures included, and ends open incidents.</summary>
    public void Complete() => throw new NotImplementedException();

    /// <summary>All incidents so far, open and ended, in start order.</summary>
    public IReadOnlyList<IncidentReport> Incidents => throw new NotImplementedException();

    /// <summary>Per-prefix summaries of incidents inside protected networks (several hosts of one prefix).</summary>
    public IReadOnlyList<PrefixSummary> PrefixSummaries => throw new NotImplementedException();

    public HostsSummary GetHostsSummary(int top = 10) => throw new NotImplementedException();
}
