namespace Breakwater.Core.Forensics;

/// <summary>Per-vector packet rates over the incident (the analysis document's <c>timeline</c> extension).</summary>
public sealed class TimelineReport
{
    public DateTimeOffset Start { get; init; }

    public int StepSeconds { get; init; }

    /// <summary>Vector name → packets per second in each bucket (estimated real traffic).</summary>
    public IReadOnlyList<TimelineSeries> Series { get; init; } = [];

    /// <summary>How far back the series reaches before detection, in seconds.</summary>
    public double PreTriggerSeconds { get; init; }
}
