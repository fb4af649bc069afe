namespace Breakwater.Storage;

/// <summary>Why an incident snapshot is written.</summary>
public enum IncidentChange
{
    Started,
    Updated,
    Ended,

    /// <summary>The daemon restarted during the incident and the attack went on: same id, totals carried over.</summary>
    Resumed,
}
