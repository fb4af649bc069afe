namespace Breakwater.Configuration;

/// <summary>One <c>probes:</c> entry as configured (docs/configuration.md, "probes").</summary>
public sealed record ProbeEntry
{
    public required string Name { get; init; }

    /// <summary>http, tcp, dns or icmp.</summary>
    public required string Type { get; init; }

    public required string Target { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    public int Retries { get; init; } = 1;

    public double? DegradedMs { get; init; }

    public IReadOnlyList<int> ExpectStatus { get; init; } = [];

    public string? BodyContains { get; init; }

    public int CertMinDays { get; init; } = 14;

    public bool Insecure { get; init; }

    public string? Server { get; init; }

    public string Record { get; init; } = "A";

    public int? Quorum { get; init; }
}

/// <summary>The <c>vantage:</c> section: this daemon's vantage-point name and, for a probe agent, its central daemon.</summary>
public sealed record VantageSettings
{
    public string Name { get; init; } = "local";

    /// <summary>Central daemon's API base URL; results are posted there.</summary>
    public Uri? ReportTo { get; init; }

    /// <summary>Token for the central daemon (an admin token there). Never logged.</summary>
    public string? Token { get; init; }
}

/// <summary>The <c>reports:</c> section: the public outage-report endpoint.</summary>
public sealed record ReportsSettings
{
    public bool Enabled { get; init; }

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    public string? Token { get; init; }

    public int PerAddress { get; init; } = 10;

    public int PerPrefix { get; init; } = 100;

    public int PerMinute { get; init; } = 10_000;

    public int MaxBodyBytes { get; init; } = 1_024;
}

/// <summary>The three outage sections while the loader reads them.</summary>
internal sealed record OutageConfig
{
    public IReadOnlyList<ProbeEntry> Probes { get; init; } = [];

    public VantageSettings Vantage { get; init; } = new();

    public ReportsSettings Reports { get; init; } = new();
}
