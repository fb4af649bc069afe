namespace Breakwater.Core;

/// <summary>
/// Learned baselines (<c>detection.baseline</c>): per protected host and prefix and per hour of the week, a limit
/// learned from the last <see cref="Weeks"/> weeks of normal traffic. An incident opens when a static threshold or
/// the baseline fires (docs/detection.md, "Learned baselines").
/// </summary>
public sealed record BaselineSettings
{
    /// <summary>Most weeks kept per hour of the week.</summary>
    public const int MaxWeeks = 8;

    /// <summary>Learn and use baselines.</summary>
    public bool Enabled { get; init; }

    /// <summary>Weeks of history kept per hour of the week; the limit rests on their median.</summary>
    public int Weeks { get; init; } = 2;

    /// <summary>Robust standard deviations above the learned median level at which the baseline fires.</summary>
    public double Sensitivity { get; init; } = 4;

    /// <summary>Packets per second below which the baseline never fires (for any packet rate, and as a bit rate of that many packets).</summary>
    public double MinPps { get; init; } = 1000;

    /// <summary>Most hosts and prefixes with a baseline; memory is bounded by this (about 20 KB each with 2 weeks).</summary>
    public int MaxTargets { get; init; } = 4096;

    /// <summary>File the daemon keeps its baselines in (loaded at start, saved every hour and at shutdown); null: not persisted.</summary>
    public string? Path { get; init; }
}
