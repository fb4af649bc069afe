using System.Net;

namespace Breakwater.Configuration;

/// <summary>The <c>api</c> section: where the REST API, metrics and dashboard listen, and who may use them.</summary>
public sealed record ApiSettings
{
    public static IPEndPoint DefaultListen { get; } = new(IPAddress.Loopback, 8080);

    /// <summary>Loopback unless configured otherwise.</summary>
    public IPEndPoint Listen { get; init; } = DefaultListen;

    public IReadOnlyList<ApiToken> Tokens { get; init; } = [];

    /// <summary><c>api.metrics_public</c>: serve <c>/metrics</c> without a token (default false: a read token is needed).</summary>
    public bool MetricsPublic { get; init; }
}
