using Breakwater.Core;
using Breakwater.Detection;

namespace Breakwater.Server;

/// <summary>Passes each incident change to several observers in order (event stream, store, alerts).</summary>
public sealed class IncidentFanout(params IIncidentObserver[] observers) : IIncidentObserver
{
    public void OnStarted(IncidentReport incident)
    {
        foreach (var o in observers)
        {
            o.OnStarted(incident);
        }
    }

    public void OnUpdated(IncidentReport incident)
    {
        foreach (var o in observers)
        {
            o.OnUpdated(incident);
        }
    }

    public void OnEnded(IncidentReport incident)
    {
        foreach (var o in observers)
        {
            o.OnEnded(incident);
        }
    }
}
