namespace Breakwater.Wire.Http;

/// <summary>Web access log line formats that <see cref="AccessLogParser"/> reads; sniffed from the first lines of a file.</summary>
public enum AccessLogFormat : byte
{
    Unknown = 0,

    /// <summary>
    /// NCSA common/combined as nginx and Apache write it, optionally with a leading <c>vhost:port</c> (Apache
    /// <c>vhost_combined</c>) and trailing fields: nginx's <c>main</c> <c>"$http_x_forwarded_for"</c>, request and upstream
    /// times as bare numbers or <c>rt=</c>/<c>urt=</c> pairs, Apache <c>%D</c> microseconds.
    /// </summary>
    Combined,

    /// <summary>JSON lines with flat keys: nginx <c>log_format … escape=json</c> and Envoy's <c>json_format</c>.</summary>
    Json,

    /// <summary>Caddy's structured access log (<c>http.log.access</c>): nested <c>request</c> object with headers.</summary>
    Caddy,
}
