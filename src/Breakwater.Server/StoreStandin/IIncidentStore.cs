namespace Breakwater.Storage;

/// <summary>Stand-in for the store helper's interface (the subset the API uses), until feature/store lands.</summary>
public interface IIncidentStore
{
    Task<IncidentPage> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default);

    Task<StoredIncident?> GetIncidentAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StateChange>> GetStateChangesAsync(string id, CancellationToken cancellationToken = default);

    Task<Acknowledgement?> AcknowledgeAsync(string id, string by, DateTimeOffset time, CancellationToken cancellationToken = default);

    Task<IncidentNote?> AddNoteAsync(string id, string author, string text, DateTimeOffset time, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IncidentNote>> GetNotesAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HostRate>> GetTopHostsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TrafficPoint>> GetHostTrafficAsync(
        string address, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default);

    Task<long> CountIncidentsAsync(CancellationToken cancellationToken = default);
}
