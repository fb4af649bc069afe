namespace Breakwater.Core.Forensics;

/// <summary>A botnet command linked to an incident: it named the incident's target and its window overlaps the attack.</summary>
public sealed class CommandMatch
{
    public DateTimeOffset Time { get; init; }

    public required string C2 { get; init; }

    public string? Family { get; init; }

    public required string Method { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Seconds from the command to the attack's start (negative: the attack started first).</summary>
    public double LagSeconds { get; init; }

    /// <summary>Seconds during which the command's window and the attack overlap.</summary>
    public double OverlapSeconds { get; init; }

    /// <summary>The command's method produces one of the observed vectors.</summary>
    public bool MethodMatches { get; init; }

    /// <summary>The command target that covers the incident's target.</summary>
    public required string MatchedTarget { get; init; }

    public string? Source { get; init; }
}
