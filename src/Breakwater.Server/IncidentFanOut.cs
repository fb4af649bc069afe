using Breakwater.Core;
using Breakwater.Detection;

namespace Breakwater.Server;

/// <summary>Tells several observers of every incident change, in order (the event stream first, so it is never behind).</summary>
internal sealed class IncidentFanOut(params IIncidentObserver[] observers) : IIncidentObserver
{
    public void OnStarted(IncidentReport incident)
    {
        foreach (var observer in observers)
        {
            observer.OnStarted(incident);
        }
    }

    public void OnUpdated(IncidentReport incident)
    {
        foreach (var observer in observers)
        {
            observer.OnUpdated(incident);
        }
    }

    public void OnEnded(IncidentReport incident)
    {
        foreach (var observer in observers)
        {
            observer.OnEnded(incident);
        }
    }
}
