using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Timeline;

/// <summary>
/// Something seen near a wave. <see cref="Relation"/> is <c>overlaps</c> or <c>precedes</c> (never a claim of cause);
/// <see cref="LagSeconds"/> is how long after the item began the wave began (negative: the item began later).
/// </summary>
public sealed record WaveLink(string Kind, string Id, string Relation, double LagSeconds, string Text);

public sealed record TimelineWave(Wave Wave, IReadOnlyList<WaveLink> Links);

/// <summary>What the observations say about one claim; never a verdict on the actor.</summary>
public sealed record ClaimAssessment(
    Claim Claim,
    string Finding,
    bool TargetAttacked,
    IReadOnlyList<string> Incidents,
    IReadOnlyList<string> Waves,
    IReadOnlyList<string> Commands,
    string Timing,
    string Text);

/// <summary>The <c>breakwater.timeline/v1</c> document's content.</summary>
public sealed record TimelineDocument
{
    public const string SchemaName = "breakwater.timeline/v1";

    public required string Service { get; init; }

    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    public TimeSpan Window { get; init; }

    public IReadOnlyList<TimelineWave> Waves { get; init; } = [];

    public IReadOnlyList<ReportBucket> Reports { get; init; } = [];

    public IReadOnlyList<Probes.ProbeStateChange> ProbeStates { get; init; } = [];

    public IReadOnlyList<TimelineIncident> Incidents { get; init; } = [];

    public IReadOnlyList<TimelineMitigation> Mitigations { get; init; } = [];

    public IReadOnlyList<TimelineCommand> Commands { get; init; } = [];

    public IReadOnlyList<ClaimAssessment> Claims { get; init; } = [];
}
