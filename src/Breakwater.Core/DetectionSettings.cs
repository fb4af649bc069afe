namespace Breakwater.Core;

/// <summary>What the detector protects and how it decides. Immutable; a new engine is built on reload.</summary>
public sealed record DetectionSettings
{
    /// <summary>Protected prefixes (longest match). Empty: every destination is a candidate target.</summary>
    public IReadOnlyList<ProtectedNetwork> Networks { get; init; } = [];

    /// <summary>Host groups by name. Networks name a group; unknown names are a configuration error upstream.</summary>
    public IReadOnlyDictionary<string, HostGroup> Groups { get; init; } = new Dictionary<string, HostGroup>();

    /// <summary>Group for destinations when no networks are configured (and for networks whose group is missing).</summary>
    public HostGroup DefaultGroup { get; init; } = new("default", Thresholds.Default);

    /// <summary>Consecutive seconds over a threshold before an incident opens.</summary>
    public int TriggerSeconds { get; init; } = 2;

    /// <summary>Seconds below the release level after which an incident ends.</summary>
    public int QuietSeconds { get; init; } = 15;

    /// <summary>
    /// Hysteresis: a second counts as attack traffic while the rate stays above this fraction of the threshold
    /// (an incident's start and end are the first and last such seconds).
    /// </summary>
    public double ReleaseFraction { get; init; } = 0.5;

    /// <summary>Most destinations tracked at once; memory is bounded by this, whatever the traffic.</summary>
    public int MaxTrackedTargets { get; init; } = 65_536;

    /// <summary>Seed for hashes of attacker-chosen addresses (HashDoS); fixed for reproducible offline analysis.</summary>
    public ulong HashSeed { get; init; } = 0x5EED_B4EA_C0DE_F00DUL;

    /// <summary>The web services' learned request-rate baseline (<c>detection.http_baseline</c>).</summary>
    public HttpBaselineSettings HttpBaseline { get; init; } = new();

    /// <summary>Learned per-host and per-prefix baselines by hour of the week (off by default).</summary>
    public BaselineSettings Baseline { get; init; } = new();
}
