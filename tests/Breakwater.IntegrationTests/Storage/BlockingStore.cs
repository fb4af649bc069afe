using Breakwater.Storage;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>
/// A store whose writes fail or hang on demand (a down PostgreSQL, a stuck disk) and otherwise go to a real store.
/// </summary>
internal sealed class BlockingStore(IIncidentStore inner) : IIncidentStore
{
    private TaskCompletionSource _gate = CompletedGate();

    public bool Fail { get; set; }

    public int Writes { get; private set; }

    public string Kind => inner.Kind;

    public string Location => "blocking:" + inner.Location;

    /// <summary>Writes wait until <see cref="Release"/>.</summary>
    public void Block() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task WriteAsync(StoreBatch batch, CancellationToken cancellationToken = default)
    {
        Writes++;
        await _gate.Task.WaitAsync(cancellationToken);
        if (Fail)
        {
            throw new IOException("connection refused (simulated)");
        }

        await inner.WriteAsync(batch, cancellationToken);
    }

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => inner.MigrateAsync(cancellationToken);

    public Task<IncidentPage> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default) => inner.ListIncidentsAsync(query, cancellationToken);

    public Task<StoredIncident?> GetIncidentAsync(string id, CancellationToken cancellationToken = default) => inner.GetIncidentAsync(id, cancellationToken);

    public Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string id, CancellationToken cancellationToken = default) => inner.GetTimelineAsync(id, cancellationToken);

    public Task<IReadOnlyList<StateChange>> GetStateChangesAsync(string id, CancellationToken cancellationToken = default) =>
        inner.GetStateChangesAsync(id, cancellationToken);

    public Task<IReadOnlyList<StoredIncident>> GetOpenIncidentsAsync(CancellationToken cancellationToken = default) => inner.GetOpenIncidentsAsync(cancellationToken);

    public Task<Acknowledgement?> AcknowledgeAsync(string id, string by, DateTimeOffset time, CancellationToken cancellationToken = default) =>
        inner.AcknowledgeAsync(id, by, time, cancellationToken);

    public Task<bool> IsAcknowledgedAsync(string id, CancellationToken cancellationToken = default) => inner.IsAcknowledgedAsync(id, cancellationToken);

    public Task<IncidentNote?> AddNoteAsync(string id, string author, string text, DateTimeOffset time, CancellationToken cancellationToken = default) =>
        inner.AddNoteAsync(id, author, text, time, cancellationToken);

    public Task<IReadOnlyList<IncidentNote>> GetNotesAsync(string id, CancellationToken cancellationToken = default) => inner.GetNotesAsync(id, cancellationToken);

    public Task<IReadOnlyList<HostRate>> GetTopHostsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default) =>
        inner.GetTopHostsAsync(from, to, limit, cancellationToken);

    public Task<IReadOnlyList<TrafficPoint>> GetHostTrafficAsync(string address, DateTimeOffset from, DateTimeOffset to, TimeSpan step,
        CancellationToken cancellationToken = default) => inner.GetHostTrafficAsync(address, from, to, step, cancellationToken);

    public Task<long> DeleteExpiredAsync(DateTimeOffset rollupsBefore, DateTimeOffset timelineBefore, CancellationToken cancellationToken = default) =>
        inner.DeleteExpiredAsync(rollupsBefore, timelineBefore, cancellationToken);

    public Task<long> CountIncidentsAsync(CancellationToken cancellationToken = default) => inner.CountIncidentsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static TaskCompletionSource CompletedGate()
    {
        var tcs = new TaskCompletionSource();
        tcs.SetResult();
        return tcs;
    }
}
