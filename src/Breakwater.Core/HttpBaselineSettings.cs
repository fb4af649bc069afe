namespace Breakwater.Core;

/// <summary>
/// The learned request-rate baseline of each web service (<c>detection.http_baseline</c>): after a warm-up of normal
/// seconds, a service also counts as flooded when its rate exceeds its own normal level by <see cref="Sensitivity"/>
/// standard deviations (and at least <see cref="MinRps"/>), even while it stays under the group's <c>rps</c>.
/// </summary>
public sealed record HttpBaselineSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>Standard deviations above the learned mean that count as a flood.</summary>
    public double Sensitivity { get; init; } = 6;

    /// <summary>The learned limit never goes below this, so a quiet service is not flagged for a handful of requests.</summary>
    public double MinRps { get; init; } = 100;

    /// <summary>Normal seconds a service must have been seen before its learned limit applies.</summary>
    public int WarmupSeconds { get; init; } = 600;
}
