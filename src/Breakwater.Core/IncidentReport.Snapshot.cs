namespace Breakwater.Core;

public sealed partial class IncidentReport
{
    /// <summary>
    /// A copy that later changes to this report do not reach (the detector replaces lists, never edits them in
    /// place): what observers and other threads are given.
    /// </summary>
    public IncidentReport Snapshot() => (IncidentReport)MemberwiseClone();
}
