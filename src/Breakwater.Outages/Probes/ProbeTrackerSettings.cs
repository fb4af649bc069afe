namespace Breakwater.Outages.Probes;

/// <summary>How probe results turn into states (docs/outages.md lists the defaults).</summary>
public sealed record ProbeTrackerSettings
{
    /// <summary>A new state must hold this many probe intervals (rounds) before it is announced.</summary>
    public int ConfirmRounds { get; init; } = 2;

    /// <summary>A vantage point's last result counts for this many intervals; after that it is not counted.</summary>
    public int StaleRounds { get; init; } = 3;

    /// <summary>Latency is far above its baseline at this many spreads …</summary>
    public double LatencyZ { get; init; } = 6;

    /// <summary>… and this multiple of the median …</summary>
    public double LatencyRatio { get; init; } = 2;

    /// <summary>… and this many milliseconds above it (sub-millisecond jitter on a LAN is no outage).</summary>
    public double LatencyMinExcessMs { get; init; } = 20;

    /// <summary>Latency samples before the learned baseline is trusted.</summary>
    public int LatencyMinSamples { get; init; } = 8;

    public TimeSpan CyclingWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Recoveries (down or degraded back to up) within the window that make a probe cycling.</summary>
    public int CyclingSwings { get; init; } = 2;
}
