using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Storage.Writing;

namespace Breakwater.Storage.Recovery;

/// <summary>
/// Sits between the engine and the daemon's observers after a restart. Incidents the store still holds open (the
/// daemon was killed during them) are resumed when the engine opens an incident on the same target within
/// <c>resumeWindow</c> of the start: the events then carry the stored id, start and totals, and the store records
/// <c>resumed</c>. The others end at their last stored second once the window has passed (or at once when the daemon
/// was down longer than <c>maxDowntime</c>), with an <c>incident.ended</c> like any other.
/// </summary>
public sealed class IncidentResumer : IIncidentObserver
{
    private readonly IIncidentObserver _downstream;
    private readonly StoreWriter? _writer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Target, string Direction), StoredIncident> _waiting = [];
    private readonly Dictionary<string, StoredIncident> _resumed = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _deadline;
    private readonly TimeSpan _window;

    public IncidentResumer(IReadOnlyList<StoredIncident> open, IIncidentObserver downstream, StoreWriter? writer, TimeSpan resumeWindow,
        TimeSpan maxDowntime, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(downstream);
        _downstream = downstream;
        _writer = writer;
        _time = time ?? TimeProvider.System;
        var now = _time.GetUtcNow();
        _window = resumeWindow;
        _deadline = now + resumeWindow;
        var stale = new List<StoredIncident>();
        foreach (var incident in open)
        {
            var last = incident.LastSecond ?? incident.Updated;
            if (now - last > maxDowntime)
            {
                stale.Add(incident);
            }
            else
            {
                _waiting[(incident.Incident.Target, incident.Incident.Direction)] = incident;
            }
        }

        foreach (var incident in stale)
        {
            End(incident, $"ended after a daemon restart: the daemon was down more than {IncidentMerge.Seconds(maxDowntime)} s, so its end is the last stored second");
        }
    }

    /// <summary>Stored incidents still waiting to be resumed.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    public void OnStarted(IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        lock (_gate)
        {
            if (_waiting.Remove((incident.Target, incident.Direction), out var stored))
            {
                _resumed[incident.Id] = stored;
                _writer?.SeedTimeline(stored.Incident.Id, stored.Incident.Vectors);
                _writer?.RecordState(new StateChange(stored.Incident.Id, _time.GetUtcNow(), "resumed",
                    "the attack went on after a daemon restart"));
                _downstream.OnUpdated(Merge(stored, incident));
                return;
            }

            _downstream.OnStarted(incident);
        }
    }

    public void OnUpdated(IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        lock (_gate)
        {
            _downstream.OnUpdated(_resumed.TryGetValue(incident.Id, out var stored) ? Merge(stored, incident) : incident);
        }
    }

    public void OnEnded(IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        lock (_gate)
        {
            if (_resumed.Remove(incident.Id, out var stored))
            {
                _downstream.OnEnded(Merge(stored, incident));
                return;
            }

            _downstream.OnEnded(incident);
        }
    }

    /// <summary>Ends the stored incidents whose resume window has passed; returns how many. Call about once a second.</summary>
    public int ExpireDue()
    {
        lock (_gate)
        {
            if (_waiting.Count == 0 || _time.GetUtcNow() < _deadline)
            {
                return 0;
            }

            var due = _waiting.Values.ToList();
            _waiting.Clear();
            foreach (var stored in due)
            {
                End(stored, $"ended after a daemon restart: the attack had not resumed {IncidentMerge.Seconds(_window)} s after the daemon came back");
            }

            return due.Count;
        }
    }

    private static IncidentReport Merge(StoredIncident stored, IncidentReport now) =>
        IncidentMerge.Combine(stored.Incident, now, $"resumed after a daemon restart; totals include what was stored before it (engine run {now.Id})");

    private void End(StoredIncident stored, string note) => _downstream.OnEnded(IncidentMerge.EndAfterRestart(stored, note));
}
