namespace Breakwater.Storage;

/// <summary>One page of incidents; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record IncidentPage(IReadOnlyList<StoredIncident> Items, string? NextCursor);
