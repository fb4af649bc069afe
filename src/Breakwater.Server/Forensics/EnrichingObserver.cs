using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Forensics;

namespace Breakwater.Server.Forensics;

/// <summary>Adds forensics to each incident change before the next observers (event stream, store, alerts) see it.</summary>
internal sealed class EnrichingObserver(ForensicsEnricher enricher, IIncidentObserver inner) : IIncidentObserver
{
    public void OnStarted(IncidentReport incident)
    {
        enricher.Enrich(incident);
        inner.OnStarted(incident);
    }

    public void OnUpdated(IncidentReport incident)
    {
        enricher.Enrich(incident);
        inner.OnUpdated(incident);
    }

    public void OnEnded(IncidentReport incident)
    {
        enricher.Enrich(incident);
        inner.OnEnded(incident);
    }
}
