using Breakwater.Core;

namespace Breakwater.Storage;

/// <summary>
/// An incident as stored: <see cref="Incident"/> has exactly the analysis document's fields; the rest is the store's
/// own bookkeeping and the operator's writes.
/// </summary>
public sealed record StoredIncident
{
    public required IncidentReport Incident { get; init; }

    /// <summary>When the daemon last wrote it.</summary>
    public DateTimeOffset Updated { get; init; }

    /// <summary>The last second of its timeline that reached the store (the resume point after a crash).</summary>
    public DateTimeOffset? LastSecond { get; init; }

    public Acknowledgement? Acknowledgement { get; init; }

    /// <summary>Notes, oldest first (filled by <see cref="IIncidentStore.GetIncidentAsync"/>; empty in lists).</summary>
    public IReadOnlyList<IncidentNote> Notes { get; init; } = [];
}
