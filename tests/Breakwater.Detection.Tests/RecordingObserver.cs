using Breakwater.Core;

namespace Breakwater.Detection.Tests;

internal sealed class RecordingObserver : IIncidentObserver
{
    public List<(string Event, string Id, DateTimeOffset? End)> Events { get; } = [];

    public void OnStarted(IncidentReport incident) => Events.Add(("started", incident.Id, incident.End));

    public void OnUpdated(IncidentReport incident) => Events.Add(("updated", incident.Id, incident.End));

    public void OnEnded(IncidentReport incident) => Events.Add(("ended", incident.Id, incident.End));
}
