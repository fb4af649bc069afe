namespace Breakwater.Outages.Probes;

/// <summary>
/// One probe round from one vantage point. Latencies are milliseconds; the HTTP split is DNS, connect, TLS and first
/// byte (each from its own start), <see cref="LatencyMs"/> the whole request.
/// </summary>
public sealed record ProbeResult
{
    public required string Probe { get; init; }

    public required string Vantage { get; init; }

    public DateTimeOffset Time { get; init; }

    public bool Success { get; init; }

    public double? LatencyMs { get; init; }

    public double? DnsMs { get; init; }

    public double? ConnectMs { get; init; }

    public double? TlsMs { get; init; }

    public double? FirstByteMs { get; init; }

    public int? Status { get; init; }

    /// <summary>Days until the server certificate expires (HTTPS).</summary>
    public double? CertDaysLeft { get; init; }

    /// <summary>Why the round failed, or a warning (certificate expiring) when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>Attempts used in the round (1 + retries at most).</summary>
    public int Attempts { get; init; } = 1;
}
