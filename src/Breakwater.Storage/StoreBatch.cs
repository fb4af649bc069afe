namespace Breakwater.Storage;

/// <summary>
/// What one flush writes, in one transaction: incident snapshots (latest wins), extra state changes, timeline rows
/// (a row for an existing incident, second and vector replaces it) and rollup rows (added to the stored minute).
/// </summary>
public sealed class StoreBatch
{
    public List<IncidentWrite> Incidents { get; } = [];

    public List<StateChange> StateChanges { get; } = [];

    public List<TimelineRow> Timeline { get; } = [];

    public List<TrafficRollup> Rollups { get; } = [];

    public bool IsEmpty => Incidents.Count == 0 && StateChanges.Count == 0 && Timeline.Count == 0 && Rollups.Count == 0;

    public int Count => Incidents.Count + StateChanges.Count + Timeline.Count + Rollups.Count;

    public void Clear()
    {
        Incidents.Clear();
        StateChanges.Clear();
        Timeline.Clear();
        Rollups.Clear();
    }
}
