namespace Breakwater.Storage;

/// <summary>
/// A change in an incident's life: <see cref="State"/> is <c>detected</c>, <c>mitigating</c>, <c>ended</c>, <c>resumed</c>
/// (the daemon restarted and the attack went on) or <c>acknowledged</c>; <see cref="Detail"/> says why, when known.
/// </summary>
public sealed record StateChange(string IncidentId, DateTimeOffset Time, string State, string? Detail = null);
