using Breakwater.Core;

namespace Breakwater.Configuration;

/// <summary>The parts of <c>breakwater.yaml</c> that the running code uses, validated.</summary>
public sealed record BreakwaterConfig
{
    public string? Path { get; init; }

    public DetectionSettings Detection { get; init; } = new();

    public CollectorSettings Collectors { get; init; } = new();

    public EventSettings Events { get; init; } = new();

    /// <summary>The <c>probes</c> list (outside-in checks).</summary>
    public IReadOnlyList<ProbeEntry> Probes { get; init; } = [];

    public VantageSettings Vantage { get; init; } = new();

    public ReportsSettings Reports { get; init; } = new();

    public ApiSettings Api { get; init; } = new();

    /// <summary>The YAML the config was read from (holds secrets: show it only through <see cref="ConfigRedactor"/>).</summary>
    public string? Text { get; init; }

    /// <summary>The <c>geoip</c> and <c>intel</c> sections.</summary>
    public ForensicsSettings Forensics { get; init; } = new();
    /// <summary>The store; the loader always sets it (SQLite beside the file by default), null only for configs built in code.</summary>
    public StorageSettings? Storage { get; init; }

    /// <summary>The <c>alerts</c> channels (webhook, slack, smtp, script), in file order.</summary>
    public IReadOnlyList<AlertChannelSettings> Alerts { get; init; } = [];

    /// <summary>The <c>bgp</c> section; null when absent (no speaker runs).</summary>
    public BgpSettings? Bgp { get; init; }

    /// <summary>The <c>mitigation</c> section (defaults: dry-run).</summary>
    public MitigationSettings Mitigation { get; init; } = new();

    /// <summary>Per group: the defaults with that group's <c>groups.NAME.mitigation</c> keys applied.</summary>
    public IReadOnlyDictionary<string, MitigationSettings> GroupMitigation { get; init; } = new Dictionary<string, MitigationSettings>();

    /// <summary>The mitigation policy of a host group (its override, else the defaults).</summary>
    public MitigationSettings MitigationFor(string group) => GroupMitigation.TryGetValue(group, out var settings) ? settings : Mitigation;
}
