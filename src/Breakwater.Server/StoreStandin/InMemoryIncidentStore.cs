using System.Collections.Concurrent;
using Breakwater.Core;
using Breakwater.Detection;

namespace Breakwater.Storage;

/// <summary>Stand-in store kept in memory until feature/store lands: incidents only, no rollups.</summary>
public sealed class InMemoryIncidentStore(TimeProvider time) : IIncidentStore, IIncidentObserver
{
    private readonly ConcurrentDictionary<string, StoredIncident> _incidents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<StateChange>> _changes = new(StringComparer.Ordinal);
    private long _noteId;

    public void OnStarted(IncidentReport incident) => Put(incident, "detected");

    public void OnUpdated(IncidentReport incident) => Put(incident, null);

    public void OnEnded(IncidentReport incident) => Put(incident, "ended");

    private void Put(IncidentReport incident, string? state)
    {
        var copy = incident; // stand-in: shares the engine's object
        _incidents.AddOrUpdate(incident.Id, _ => new StoredIncident { Incident = copy, Updated = time.GetUtcNow() },
            (_, old) => old with { Incident = copy, Updated = time.GetUtcNow() });
        if (state is not null)
        {
            var list = _changes.GetOrAdd(incident.Id, _ => []);
            lock (list)
            {
                list.Add(new StateChange(incident.Id, time.GetUtcNow(), state));
            }
        }
    }

    public Task<IncidentPage> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = _incidents.Values
            .Where(i => query.Status is null || i.Incident.Status == query.Status || (query.Status == "open" && i.Incident.Status != "ended"))
            .Where(i => query.Target is null || i.Incident.Target == query.Target)
            .Where(i => query.Since is null || i.Incident.End is null || i.Incident.End >= query.Since)
            .OrderByDescending(i => i.Incident.Start).ThenByDescending(i => i.Incident.Id, StringComparer.Ordinal)
            .ToList();
        var skip = query.Cursor is null ? 0 : int.TryParse(query.Cursor, out var n) && n >= 0 ? n : throw new ArgumentException("bad cursor");
        var page = all.Skip(skip).Take(query.Limit).ToList();
        var next = skip + page.Count < all.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new IncidentPage(page, next));
    }

    public Task<StoredIncident?> GetIncidentAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_incidents.TryGetValue(id, out var i) ? i : null);

    public Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TimelinePoint>>([]);

    public Task<IReadOnlyList<StateChange>> GetStateChangesAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!_changes.TryGetValue(id, out var list))
        {
            return Task.FromResult<IReadOnlyList<StateChange>>([]);
        }

        lock (list)
        {
            return Task.FromResult<IReadOnlyList<StateChange>>([.. list]);
        }
    }

    public Task<Acknowledgement?> AcknowledgeAsync(string id, string by, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        if (!_incidents.TryGetValue(id, out var incident))
        {
            return Task.FromResult<Acknowledgement?>(null);
        }

        var ack = incident.Acknowledgement ?? new Acknowledgement(time, by);
        _incidents[id] = incident with { Acknowledgement = ack };
        return Task.FromResult<Acknowledgement?>(ack);
    }

    public Task<IncidentNote?> AddNoteAsync(string id, string author, string text, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        if (!_incidents.TryGetValue(id, out var incident))
        {
            return Task.FromResult<IncidentNote?>(null);
        }

        var note = new IncidentNote(Interlocked.Increment(ref _noteId), id, time, author, text);
        _incidents[id] = incident with { Notes = [.. incident.Notes, note] };
        return Task.FromResult<IncidentNote?>(note);
    }

    public Task<IReadOnlyList<IncidentNote>> GetNotesAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_incidents.TryGetValue(id, out var i) ? i.Notes : []);

    public Task<IReadOnlyList<HostRate>> GetTopHostsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HostRate>>([]);

    public Task<IReadOnlyList<TrafficPoint>> GetHostTrafficAsync(
        string address, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TrafficPoint>>([]);

    public Task<long> CountIncidentsAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_incidents.Count);
}
