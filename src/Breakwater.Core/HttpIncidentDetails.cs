namespace Breakwater.Core;

/// <summary>
/// Extension of an <c>http_flood</c> incident (field <c>http</c>): what the requests looked like. Counts are requests;
/// shares are fractions of the incident's requests. Added to the analysis document, never renamed.
/// </summary>
public sealed class HttpIncidentDetails
{
    /// <summary>The service: virtual host from the log or request, else the name given with <c>--service</c>.</summary>
    public required string Service { get; init; }

    /// <summary>"access_log" or "packets".</summary>
    public required string Source { get; init; }

    public long Requests { get; init; }

    public double PeakRps { get; init; }

    /// <summary>Requests per second at the service outside incidents (mean of busy seconds), when known.</summary>
    public double? BaselineRps { get; init; }

    public long UniqueClients { get; init; }

    /// <summary>Status classes ("2xx", "3xx", "4xx", "5xx") and "429": share of requests. Empty for packets.</summary>
    public IReadOnlyDictionary<string, double> StatusMix { get; init; } = new Dictionary<string, double>();

    [System.Text.Json.Serialization.JsonPropertyName("share_5xx")]
    public double Share5xx { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("share_429")]
    public double Share429 { get; init; }

    /// <summary>Mean request time in milliseconds during the incident, and before it (from the log's request time).</summary>
    public double? LatencyMs { get; init; }

    public double? BaselineLatencyMs { get; init; }

    public IReadOnlyList<HttpClientCount> TopClients { get; init; } = [];

    public IReadOnlyList<HttpValueCount> TopPaths { get; init; } = [];

    /// <summary>Path classes (first path segment, static files grouped): where the flood aims.</summary>
    public IReadOnlyList<HttpValueCount> TopPathClasses { get; init; } = [];

    public IReadOnlyList<HttpValueCount> TopUserAgents { get; init; } = [];

    public IReadOnlyList<HttpValueCount> Methods { get; init; } = [];

    public HttpCacheBusting? CacheBusting { get; init; }

    public HttpProxyMarkers? ProxyMarkers { get; init; }

    public HttpClientDistribution? ClientDistribution { get; init; }

    /// <summary>Hashes of header name sequences (packets only): a bot sends one fixed order.</summary>
    public IReadOnlyList<HttpHeaderOrder> HeaderOrders { get; init; } = [];

    /// <summary>Suggested per-client rate limit for the web tier, from the traffic outside incidents.</summary>
    public HttpRateLimit? RateLimit { get; init; }
}

public sealed record HttpClientCount(string Address, long Requests);

public sealed record HttpValueCount(string Value, long Requests, double Share);

/// <summary>Random query strings defeat caches: many distinct targets for few paths.</summary>
public sealed class HttpCacheBusting
{
    public double ShareWithQuery { get; init; }

    /// <summary>Distinct targets (path and query) per distinct path, estimated.</summary>
    public double DistinctQueriesPerPath { get; init; }

    public bool Likely { get; init; }
}

/// <summary>Requests relayed by proxies (open proxies, CDNs): share with each marker.</summary>
public sealed class HttpProxyMarkers
{
    /// <summary>Share with any marker.</summary>
    public double Share { get; init; }

    public double ForwardedFor { get; init; }

    /// <summary>Share whose X-Forwarded-For lists two or more addresses.</summary>
    public double ForwardedForChains { get; init; }

    public double Via { get; init; }

    public double Forwarded { get; init; }
}

/// <summary>Requests per client during the incident (from a uniform sample of clients): few heavy or many light.</summary>
public sealed class HttpClientDistribution
{
    /// <summary>Share of the requests sent by the ten busiest clients.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("top10_share")]
    public double Top10Share { get; init; }

    public double MeanRequestsPerClient { get; init; }

    public double MedianRequestsPerClient { get; init; }

    /// <summary>Buckets "1", "2-9", "10-99", "100-999", "1000+": share of clients and share of requests in each.</summary>
    public IReadOnlyList<HttpClientBucket> Buckets { get; init; } = [];

    /// <summary>"few_heavy" (top ten send most), "many_light" (most clients send a handful) or "mixed".</summary>
    public required string Shape { get; init; }
}

public sealed record HttpClientBucket(string Requests, double ClientShare, double RequestShare);

public sealed record HttpHeaderOrder(string Hash, string Names, long Requests, double Share);

/// <summary>A rate limit that normal clients did not reach: nginx <c>limit_req</c> rate and burst per client.</summary>
public sealed class HttpRateLimit
{
    /// <summary>Requests per minute per client (nginx <c>rate=Nr/m</c>).</summary>
    public int RequestsPerMinute { get; init; }

    public int Burst { get; init; }

    /// <summary>How it was derived, e.g. "busiest normal client: 40 requests in a minute, ×2".</summary>
    public required string Basis { get; init; }
}

/// <summary>Extension of <c>input</c>: web access logs read (field <c>access_logs</c>).</summary>
public sealed class AccessLogInput
{
    public long Lines { get; init; }

    public long Requests { get; init; }

    public long Malformed { get; init; }

    /// <summary>Malformed lines per reason (snake_case reason → count).</summary>
    public IReadOnlyDictionary<string, long> MalformedReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>Formats read: "combined", "json", "caddy".</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];
}
