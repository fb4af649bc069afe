namespace Breakwater.Outages.Probes;

/// <summary>
/// A change of a probe's state (or of its <see cref="Cycling"/> flag). <see cref="Vantage"/> is the vantage point's
/// name when one reports, <c>quorum</c> when the state is agreed from several.
/// </summary>
public sealed record ProbeStateChange
{
    public required string Probe { get; init; }

    public ProbeState State { get; init; }

    public ProbeState Previous { get; init; }

    public required string Vantage { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>Repeated down/degraded-and-recovered swings within the cycling window.</summary>
    public bool Cycling { get; init; }

    public required string Reason { get; init; }

    public IReadOnlyList<string> Failing { get; init; } = [];

    public int Vantages { get; init; }

    public double? LatencyMs { get; init; }

    public double? BaselineMs { get; init; }

    public static string Name(ProbeState state) => state switch
    {
        ProbeState.Up => "up",
        ProbeState.Degraded => "degraded",
        ProbeState.Down => "down",
        _ => "unknown",
    };
}
