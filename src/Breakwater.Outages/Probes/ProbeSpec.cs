namespace Breakwater.Outages.Probes;

/// <summary>One entry of the <c>probes:</c> list (docs/configuration.md): what to check, how often, and what counts as up.</summary>
public sealed record ProbeSpec
{
    public required string Name { get; init; }

    public required ProbeKind Kind { get; init; }

    /// <summary>http: a URL; tcp: HOST:PORT; dns: the name to resolve; icmp: a host.</summary>
    public required string Target { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Extra attempts in one round before the round counts as failed.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Latency (ms) above which the probe is degraded; overrides the learned baseline.</summary>
    public double? DegradedMs { get; init; }

    /// <summary>http: the status codes that count as up (default: 200–399).</summary>
    public IReadOnlyList<int> ExpectStatus { get; init; } = [];

    /// <summary>http: text the body must contain.</summary>
    public string? BodyContains { get; init; }

    /// <summary>http: a certificate expiring within this many days makes the probe degraded.</summary>
    public int CertMinDays { get; init; } = 14;

    /// <summary>http: accept any certificate (self-signed test services); expiry is still reported.</summary>
    public bool Insecure { get; init; }

    /// <summary>dns: the server to ask, ADDRESS[:PORT] (default port 53).</summary>
    public string? Server { get; init; }

    /// <summary>dns: the record type, A or AAAA.</summary>
    public string RecordType { get; init; } = "A";

    /// <summary>Failing vantage points that make the service down (default: a majority of those reporting).</summary>
    public int? Quorum { get; init; }
}
