namespace Breakwater.Wire.Http;

/// <summary>Facts about one request that detectors count (proxy markers, request line shape).</summary>
[Flags]
public enum AccessLogFlags : ushort
{
    None = 0,

    /// <summary>An <c>X-Forwarded-For</c> value other than <c>-</c> was logged.</summary>
    ForwardedFor = 1,

    /// <summary>The <c>X-Forwarded-For</c> value lists two or more addresses (a proxy chain).</summary>
    ForwardedChain = 2,

    /// <summary>A <c>Via</c> header was logged or seen.</summary>
    Via = 4,

    /// <summary>An RFC 7239 <c>Forwarded</c> header was logged or seen.</summary>
    Forwarded = 8,

    /// <summary>The request line was not <c>METHOD TARGET PROTOCOL</c> (garbage, TLS to a cleartext port, empty).</summary>
    BadRequestLine = 16,

    /// <summary>A request time (or duration) was present.</summary>
    HasRequestTime = 32,

    /// <summary>The target has a query string.</summary>
    HasQuery = 64,
}
