using Breakwater.Core;

namespace Breakwater.Mitigation;

/// <summary>
/// One mitigation as the API, the event stream (<c>mitigation</c>) and the store show it: which incident, what kind
/// (<c>flowspec</c>, <c>blackhole</c>, <c>nftables</c>), on which prefix, with which rules and action, in which state
/// (<see cref="MitigationStates"/>), why, and until when.
/// </summary>
public sealed record MitigationRecord
{
    public required string Id { get; init; }

    public required string Incident { get; init; }

    public required string Target { get; init; }

    public string? Group { get; init; }

    public required string Kind { get; init; }

    /// <summary>The destination the routes or rules cover (a host route /32 or /128, or the incident's prefix).</summary>
    public required string Prefix { get; init; }

    public IReadOnlyList<FingerprintRule> Rules { get; init; } = [];

    /// <summary><c>discard</c>, <c>rate-limit N B/s</c>, <c>redirect ASN:VALUE</c>, <c>mark dscp N</c>, or <c>blackhole</c>.</summary>
    public required string Action { get; init; }

    public required string State { get; init; }

    /// <summary>Why this kind (and, once withdrawn or refused, why that).</summary>
    public required string Reason { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset? Announced { get; init; }

    /// <summary>The attack's last second seen so far; <see cref="Expires"/> counts the TTL from here.</summary>
    public DateTimeOffset LastAttack { get; init; }

    public DateTimeOffset Expires { get; init; }

    public DateTimeOffset? Withdrawn { get; init; }

    public string? ApprovedBy { get; init; }

    public string? WithdrawnBy { get; init; }

    /// <summary>The routes as BIRD would print them (FlowSpec NLRI or prefix, with the action).</summary>
    public IReadOnlyList<string> Routes { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsLive => State is MitigationStates.Active or MitigationStates.Pending or MitigationStates.DryRun;
}
