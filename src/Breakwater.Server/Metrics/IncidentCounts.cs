using Breakwater.Core;
using Breakwater.Detection;

namespace Breakwater.Server.Metrics;

/// <summary>Counts incidents as the engine reports them, for <c>/metrics</c>: opened in total and open now.</summary>
public sealed class IncidentCounts : IIncidentObserver
{
    private long _opened;
    private long _ended;

    public long Opened => Interlocked.Read(ref _opened);

    public long Open => Math.Max(0, Opened - Interlocked.Read(ref _ended));

    public void OnStarted(IncidentReport incident) => Interlocked.Increment(ref _opened);

    public void OnUpdated(IncidentReport incident)
    {
    }

    public void OnEnded(IncidentReport incident) => Interlocked.Increment(ref _ended);
}
