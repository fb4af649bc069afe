using Breakwater.Core;

namespace Breakwater.Detection.L7;

/// <summary>How the HTTP flood detector decides: the group's <c>rps</c> threshold and the engine's hysteresis settings.</summary>
public sealed record L7Settings
{
    /// <summary>Requests per second at one service when the group sets no <c>rps</c>: a 1,000 rps flood trips it, browsing does not.</summary>
    public const double DefaultRps = 500;

    /// <summary>Service name for requests without a virtual host (<c>--service</c>, or the collector's <c>service</c>).</summary>
    public string DefaultService { get; init; } = "default";

    /// <summary>Host group whose thresholds apply (its <c>rps</c>).</summary>
    public HostGroup Group { get; init; } = new("default", Thresholds.Default);

    public int TriggerSeconds { get; init; } = 2;

    public int QuietSeconds { get; init; } = 15;

    public double ReleaseFraction { get; init; } = 0.5;

    /// <summary>Most services tracked; further virtual hosts share one slot, so random Host headers cannot grow memory.</summary>
    public int MaxServices { get; init; } = 256;

    /// <summary>Most services analysed in detail at once (each analyser holds about 100 KiB).</summary>
    public int MaxTrackers { get; init; } = 32;

    public ulong HashSeed { get; init; } = 0x5EED_B4EA_C0DE_F00DUL;

    public double Rps => Group.Thresholds.Rps ?? DefaultRps;

    /// <summary>Requests per second to one path class of one service, or null for no per-path limit.</summary>
    public double? PathRps => Group.Thresholds.PathRps;

    /// <summary>The learned per-service baseline (<c>detection.http_baseline</c>).</summary>
    public HttpBaselineSettings Baseline { get; init; } = new();

    /// <summary>The detector's settings for a detection configuration (hysteresis, seed, default group).</summary>
    public static L7Settings From(DetectionSettings detection, string? service = null, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(detection);
        return new L7Settings
        {
            DefaultService = string.IsNullOrEmpty(service) ? "default" : service,
            Group = group is not null && detection.Groups.TryGetValue(group, out var g) ? g : detection.DefaultGroup,
            TriggerSeconds = detection.TriggerSeconds,
            QuietSeconds = detection.QuietSeconds,
            ReleaseFraction = detection.ReleaseFraction,
            HashSeed = detection.HashSeed,
            Baseline = detection.HttpBaseline,
        };
    }
}
