using System.Globalization;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Every incident of the engine, open and ended, with their ids and status, and the observer that hears of each
/// change. Observers get snapshots: a report handed out is never changed afterwards.
/// </summary>
internal sealed class IncidentLog(IIncidentObserver? observer)
{
    private readonly List<Incident> _incidents = [];

    public IIncidentObserver? Observer => observer;

    public IReadOnlyList<Incident> All => _incidents;

    /// <summary>Deterministic for offline analysis: the same capture gives the same ids.</summary>
    public static string NewId(NetAddress target, long startSecond) =>
        target.Hash(0x1D1D_0000_0000_0000UL ^ (ulong)startSecond).ToString("x16", CultureInfo.InvariantCulture)[..12];

    public void Started(Incident incident)
    {
        _incidents.Add(incident);
        observer?.OnStarted(incident.Report.Snapshot());
    }

    /// <summary>Whether the observer should hear of the incident this second (at most once a second); marks it heard.</summary>
    public bool WantsUpdate(Incident incident, long second)
    {
        if (observer is null || incident.LastUpdateSecond == second)
        {
            return false;
        }

        incident.LastUpdateSecond = second;
        return true;
    }

    public void Updated(Incident incident) => observer?.OnUpdated(incident.Report.Snapshot());

    /// <summary>Marks the (already refreshed) incident ended at its last attack second.</summary>
    public void Ended(Incident incident)
    {
        incident.Ended = true;
        incident.Report.Status = "ended";
        incident.Report.End = DateTimeOffset.FromUnixTimeSeconds(incident.LastAttackSecond);
        observer?.OnEnded(incident.Report.Snapshot());
    }
}
