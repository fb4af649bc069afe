namespace Breakwater.Storage.Outages;

/// <summary>
/// What outside-in monitoring keeps across restarts: accepted user reports as counts per minute and category (never a
/// reporter), outage waves, and probe state changes. Implemented by the SQL store beside <see cref="IIncidentStore"/>;
/// the daemon writes in small batches from its outage service and reads everything back on start.
/// </summary>
public interface IOutageStore
{
    /// <summary>Writes one batch in one transaction: report counts are added to what is stored, waves replace the stored copy with the same id.</summary>
    Task WriteOutagesAsync(OutageBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Report counts of the minutes from <paramref name="since"/> on, oldest first.</summary>
    Task<IReadOnlyList<ReportCount>> GetReportCountsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Waves that ended (or are ongoing) at or after <paramref name="since"/>, by start.</summary>
    Task<IReadOnlyList<StoredWave>> GetWavesAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Probe state changes from <paramref name="since"/> on, oldest first.</summary>
    Task<IReadOnlyList<StoredProbeState>> GetProbeStatesAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Deletes report counts and probe state changes older than <paramref name="before"/>; returns the rows deleted.</summary>
    Task<long> DeleteExpiredOutagesAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
