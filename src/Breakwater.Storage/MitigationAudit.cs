namespace Breakwater.Storage;

/// <summary>One audit row: <paramref name="Action"/> (announced, withdrawn, approved, refused, pending, dry-run, expired, extended) by <paramref name="Actor"/>.</summary>
public sealed record MitigationAudit(string MitigationId, string IncidentId, DateTimeOffset Time, string Action, string Actor, string Reason);
