namespace Breakwater.Outages.Reports;

/// <summary>The <c>reports:</c> section (docs/configuration.md): the public outage-report endpoint and its limits.</summary>
public sealed record ReportSettings
{
    public static readonly IReadOnlyList<string> Categories = ["app", "website", "login", "feed", "other"];

    public bool Enabled { get; init; }

    /// <summary>One report per reporter per window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The endpoint's own bearer token; null: open to anyone (the rate limits still apply).</summary>
    public string? Token { get; init; }

    /// <summary>Reports accepted per minute from one address.</summary>
    public int PerAddress { get; init; } = 10;

    /// <summary>Reports accepted per minute from one /24 (IPv4) or /48 (IPv6).</summary>
    public int PerPrefix { get; init; } = 100;

    /// <summary>Reports accepted per minute in all.</summary>
    public int PerMinute { get; init; } = 10_000;

    /// <summary>Largest request body accepted.</summary>
    public int MaxBodyBytes { get; init; } = 1_024;
}
