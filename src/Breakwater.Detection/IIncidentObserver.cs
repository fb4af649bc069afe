using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>Receives incident lifecycle changes as they happen (the daemon's event stream subscribes here).</summary>
public interface IIncidentObserver
{
    void OnStarted(IncidentReport incident);

    void OnUpdated(IncidentReport incident);

    void OnEnded(IncidentReport incident);
}
