namespace Breakwater.Outages.Probes;

/// <summary>
/// The states of every probe, from local rounds and from remote probe agents alike. Thread-safe: rounds and API
/// requests call <see cref="Record"/> concurrently. Results for a probe this daemon does not run itself get a
/// tracker of their own (the agent sends its interval).
/// </summary>
public sealed class ProbeMonitor(IEnumerable<ProbeSpec> specs, Action<ProbeStateChange> onChange, ProbeTrackerSettings? settings = null)
{
    /// <summary>Probes tracked at most (agents cannot grow memory without bound with made-up names).</summary>
    public const int MaxProbes = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProbeStateTracker> _trackers =
        specs.ToDictionary(s => s.Name, s => new ProbeStateTracker(s, settings), StringComparer.Ordinal);

    /// <summary>Records one result; false when it names a probe beyond <see cref="MaxProbes"/>.</summary>
    public bool Record(ProbeResult result, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ProbeStateChange? change;
        lock (_gate)
        {
            if (!_trackers.TryGetValue(result.Probe, out var tracker))
            {
                if (_trackers.Count >= MaxProbes)
                {
                    return false;
                }

                var spec = new ProbeSpec { Name = result.Probe, Kind = ProbeKind.Http, Target = "", Interval = interval ?? TimeSpan.FromSeconds(10) };
                _trackers[result.Probe] = tracker = new ProbeStateTracker(spec, settings);
            }

            change = tracker.Record(result);
        }

        if (change is not null)
        {
            onChange(change);
        }

        return true;
    }

    /// <summary>Current state of each probe.</summary>
    public IReadOnlyList<(string Probe, ProbeState State, bool Cycling)> States()
    {
        lock (_gate)
        {
            return [.. _trackers.Values.Select(t => (t.Probe, t.State, t.Cycling)).OrderBy(t => t.Probe, StringComparer.Ordinal)];
        }
    }

    /// <summary>Every announced change of every probe, in time order.</summary>
    public IReadOnlyList<ProbeStateChange> History()
    {
        lock (_gate)
        {
            return [.. _trackers.Values.SelectMany(t => t.History).OrderBy(c => c.Time)];
        }
    }
}
