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

    /// <summary>Announced changes of an earlier run (from the store), oldest first: each probe resumes from its last state.</summary>
    public void Restore(IEnumerable<ProbeStateChange> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        lock (_gate)
        {
            foreach (var probe in history.GroupBy(c => c.Probe, StringComparer.Ordinal))
            {
                if (!_trackers.TryGetValue(probe.Key, out var tracker))
                {
                    if (_trackers.Count >= MaxProbes)
                    {
                        continue;
                    }

                    var spec = new ProbeSpec { Name = probe.Key, Kind = ProbeKind.Http, Target = "", Interval = TimeSpan.FromSeconds(10) };
                    _trackers[probe.Key] = tracker = new ProbeStateTracker(spec, settings);
                }

                tracker.Restore(probe);
            }
        }
    }

    /// <summary>
    /// A reload's probe set: new probes get trackers, changed ones a new tracker that keeps the old one's state and
    /// history, removed ones are dropped (agents' probes, which this daemon does not run, are kept).
    /// </summary>
    public void Reconfigure(IReadOnlyList<ProbeSpec> specs, IEnumerable<string> previous)
    {
        ArgumentNullException.ThrowIfNull(specs);
        lock (_gate)
        {
            foreach (var name in previous.Where(n => !specs.Any(s => s.Name == n)))
            {
                _trackers.Remove(name);
            }

            foreach (var spec in specs)
            {
                if (_trackers.TryGetValue(spec.Name, out var old) && Same(old.Spec, spec))
                {
                    continue;
                }

                var tracker = new ProbeStateTracker(spec, settings);
                if (old is not null)
                {
                    tracker.Restore(old.History);
                }

                _trackers[spec.Name] = tracker;
            }
        }
    }

    private static bool Same(ProbeSpec a, ProbeSpec b) => a with { ExpectStatus = b.ExpectStatus } == b && a.ExpectStatus.SequenceEqual(b.ExpectStatus);

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
