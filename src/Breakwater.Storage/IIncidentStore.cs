namespace Breakwater.Storage;

/// <summary>
/// The daemon's store (SQLite by default, PostgreSQL as the option): incidents with every field of the analysis
/// document, their per-second timeline per vector, state changes, minute rollups of per-target traffic, and the
/// operator's acknowledgements and notes. Writes arrive in batches from the store writer's own thread; reads
/// serve the API. Every method is safe to call from several threads at once. Extended, never changed: later
/// capabilities add their own methods and migrations (<see cref="Migrations.MigrationList"/>).
/// </summary>
public interface IIncidentStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Kind { get; }

    /// <summary>Where the data lives, with any password removed (a file path or host:port/database).</summary>
    string Location { get; }

    /// <summary>Applies the migrations not applied yet, each in its own transaction; returns the schema version.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes one batch in one transaction: incident snapshots and state changes, timeline rows, rollups.</summary>
    Task WriteAsync(StoreBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Newest first (by start, then id); <see cref="IncidentQuery.Cursor"/> continues a previous page.</summary>
    /// <exception cref="ArgumentException">The cursor is not one this store handed out.</exception>
    Task<IncidentPage> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>One incident with its acknowledgement and notes, or null when there is no such id.</summary>
    Task<StoredIncident?> GetIncidentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The incident's per-second series by vector, oldest first; empty when unknown.</summary>
    Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The incident's state changes (started, resumed, acknowledged, ended …), oldest first.</summary>
    Task<IReadOnlyList<StateChange>> GetStateChangesAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Incidents not ended (open when the daemon last wrote): the daemon resumes or ends them after a restart.</summary>
    Task<IReadOnlyList<StoredIncident>> GetOpenIncidentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks an incident acknowledged (no more alerts). The first acknowledgement is kept; null when there is no such id.</summary>
    Task<Acknowledgement?> AcknowledgeAsync(string id, string by, DateTimeOffset time, CancellationToken cancellationToken = default);

    /// <summary>True when the incident has been acknowledged.</summary>
    Task<bool> IsAcknowledgedAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Adds a timestamped note; null when there is no such id.</summary>
    Task<IncidentNote?> AddNoteAsync(string id, string author, string text, DateTimeOffset time, CancellationToken cancellationToken = default);

    /// <summary>The incident's notes, oldest first.</summary>
    Task<IReadOnlyList<IncidentNote>> GetNotesAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Hosts with the highest traffic in [<paramref name="from"/>, <paramref name="to"/>) from the minute rollups, by packets.</summary>
    Task<IReadOnlyList<HostRate>> GetTopHostsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// One host's traffic in [<paramref name="from"/>, <paramref name="to"/>) from the minute rollups, in buckets of
    /// <paramref name="step"/> (a whole number of minutes, at least one). Buckets without traffic are left out.
    /// </summary>
    Task<IReadOnlyList<TrafficPoint>> GetHostTrafficAsync(
        string address, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default);

    /// <summary>Deletes rollups and timeline rows older than the cutoffs; returns the rows deleted.</summary>
    Task<long> DeleteExpiredAsync(DateTimeOffset rollupsBefore, DateTimeOffset timelineBefore, CancellationToken cancellationToken = default);

    /// <summary>Number of stored incidents (cheap enough for a health check).</summary>
    Task<long> CountIncidentsAsync(CancellationToken cancellationToken = default);
}
