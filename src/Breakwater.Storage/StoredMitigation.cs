namespace Breakwater.Storage;

/// <summary>One stored mitigation: the columns the daemon reconciles on and the whole record as JSON (owned by Breakwater.Mitigation).</summary>
public sealed record StoredMitigation(string Id, string IncidentId, string State, DateTimeOffset Created, DateTimeOffset Expires, string Document);
