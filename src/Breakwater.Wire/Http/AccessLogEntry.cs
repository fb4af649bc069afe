namespace Breakwater.Wire.Http;

/// <summary>
/// One request from an access log line or a captured packet. Spans point into the caller's buffer and are valid
/// only during the call that hands the entry out; nothing is copied or allocated.
/// </summary>
/// <remarks>JSON string values are left as they were written (JSON escapes are not undone): they are hashed and
/// counted, and printed only for the few that make a report.</remarks>
public ref struct AccessLogEntry
{
    /// <summary>Request time, nanoseconds since the Unix epoch, UTC.</summary>
    public long TimestampNanos;

    /// <summary>The connecting client (<c>$remote_addr</c>); default for <c>unix:</c> sockets.</summary>
    public NetAddress Client;

    public ReadOnlySpan<byte> Method;

    /// <summary>Request target: path and query, as logged.</summary>
    public ReadOnlySpan<byte> Target;

    /// <summary>Virtual host (Host header or server name) when the format carries it, else empty.</summary>
    public ReadOnlySpan<byte> Host;

    public ReadOnlySpan<byte> UserAgent;

    public ReadOnlySpan<byte> Referer;

    /// <summary>The logged <c>X-Forwarded-For</c> value (empty when absent or <c>-</c>).</summary>
    public ReadOnlySpan<byte> ForwardedFor;

    /// <summary>Status code (0 when unknown, e.g. a request seen in a packet).</summary>
    public int Status;

    /// <summary>Response body bytes (0 when <c>-</c> or absent).</summary>
    public long Bytes;

    /// <summary>Request time in microseconds; -1 when absent.</summary>
    public long RequestMicros;

    /// <summary>Upstream response time in microseconds; -1 when absent.</summary>
    public long UpstreamMicros;

    /// <summary>Hash of the header name sequence (packets only; 0 when unknown).</summary>
    public ulong HeaderOrderHash;

    /// <summary>The raw header lines of a request seen in a packet (empty for log lines).</summary>
    public ReadOnlySpan<byte> Headers;

    public AccessLogFlags Flags;

    /// <summary>Target without its query string.</summary>
    public readonly ReadOnlySpan<byte> Path
    {
        get
        {
            var q = Target.IndexOf((byte)'?');
            return q < 0 ? Target : Target[..q];
        }
    }

    public void Clear()
    {
        this = default;
        RequestMicros = -1;
        UpstreamMicros = -1;
    }
}
