namespace Breakwater.Core.Forensics;

/// <summary>Per-vector packets per time bucket of one incident (buckets widen as the incident grows, so the series stays bounded).</summary>
public sealed class IncidentTimeline
{
    /// <summary>Start of the first bucket.</summary>
    public DateTimeOffset Start { get; init; }

    public int StepSeconds { get; init; } = 1;

    public IReadOnlyList<TimelineSeries> Series { get; init; } = [];
}
