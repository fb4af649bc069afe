using Microsoft.Extensions.Logging;

namespace Breakwater.Server;

/// <summary>The daemon's log messages (stable event ids). Nothing here runs per packet or per datagram; no token is ever an argument.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "listening for {Protocol} on {Endpoint} (receive buffer {BufferKiB} KiB)")]
    public static partial void CollectorListening(ILogger logger, string protocol, string endpoint, int bufferKiB);

    [LoggerMessage(2, LogLevel.Information, "capturing on {Interface}")]
    public static partial void Capturing(ILogger logger, string @interface);

    [LoggerMessage(3, LogLevel.Information, "API, metrics and dashboard on http://{Endpoint} ({Tokens} token(s) configured)")]
    public static partial void ApiListening(ILogger logger, string endpoint, int tokens);

    [LoggerMessage(4, LogLevel.Warning, "api.tokens is empty: every API route but /api/v1/health answers 401 until a token is configured")]
    public static partial void NoTokens(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "The API listens on {Endpoint}, which is not a loopback address: put it behind TLS or a firewall")]
    public static partial void NotLoopback(ILogger logger, string endpoint);

    [LoggerMessage(6, LogLevel.Information, "Store {Store} (schema {Schema}, {Open} open incident(s) to resume or end)")]
    public static partial void StoreOpened(ILogger logger, string store, int schema, int open);

    [LoggerMessage(10, LogLevel.Debug, "Refused {Method} {Path} from {Remote}: no valid bearer token")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string remote);

    [LoggerMessage(11, LogLevel.Information, "Refused {Method} {Path} for token '{Caller}': admin role needed")]
    public static partial void Forbidden(ILogger logger, string caller, string method, string path);

    [LoggerMessage(12, LogLevel.Information, "Incident {Incident} acknowledged by '{Caller}'")]
    public static partial void Acknowledged(ILogger logger, string incident, string caller);

    [LoggerMessage(13, LogLevel.Information, "Note added to incident {Incident} by '{Caller}'")]
    public static partial void NoteAdded(ILogger logger, string incident, string caller);

    [LoggerMessage(20, LogLevel.Information, "Configuration reloaded from {Path}: {Changes}")]
    public static partial void ConfigReloaded(ILogger logger, string path, string changes);

    [LoggerMessage(21, LogLevel.Error, "Configuration change rejected, the previous configuration keeps running: {Reason}")]
    public static partial void ConfigRejected(ILogger logger, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Configuration change to {Key} needs a restart to apply; the running value stays")]
    public static partial void NeedsRestart(ILogger logger, string key);

    [LoggerMessage(23, LogLevel.Warning, "The protected networks or their groups changed: open incidents ended at their last attack second and detection restarted with the new layout")]
    public static partial void DetectionRestarted(ILogger logger);

    [LoggerMessage(30, LogLevel.Information, "Incident {Incident} started: {Target}, {Vectors}")]
    public static partial void IncidentStarted(ILogger logger, string incident, string target, string vectors);

    [LoggerMessage(31, LogLevel.Information, "Incident {Incident} ended: {Target}, peak {PeakPps} pps")]
    public static partial void IncidentEnded(ILogger logger, string incident, string target, double peakPps);

    [LoggerMessage(40, LogLevel.Information, "Stopping: final collector statistics written")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(60, LogLevel.Warning, "GeoIP data not used: {Problem}; incidents get no countries or ASNs until it is fixed")]
    public static partial void GeoUnavailable(ILogger logger, string problem);

    [LoggerMessage(61, LogLevel.Information, "following access log {Path}")]
    public static partial void FollowingAccessLog(ILogger logger, string path);

    [LoggerMessage(62, LogLevel.Information, "intel imported by {Caller}: {Provenance}")]
    public static partial void IntelImported(ILogger logger, string caller, string provenance);
}
