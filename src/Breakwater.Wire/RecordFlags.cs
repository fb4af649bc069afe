namespace Breakwater.Wire;

/// <summary>Facts about a traffic record that do not fit a single header field.</summary>
[Flags]
public enum RecordFlags : ushort
{
    None = 0,

    /// <summary>The (outer) network header is IPv6.</summary>
    IPv6 = 0x0001,

    /// <summary>The packet is a fragment (more-fragments set or non-zero offset).</summary>
    Fragment = 0x0002,

    /// <summary>A fragment with non-zero offset: it carries no transport header, ports are zero.</summary>
    LaterFragment = 0x0004,

    /// <summary>The transport header was cut off by the snap length; ports and flags may be missing.</summary>
    TransportTruncated = 0x0008,

    /// <summary>GRE encapsulation was decoded; the Inner* fields describe the encapsulated packet.</summary>
    GreInnerDecoded = 0x0010,

    /// <summary>The IPv4 header carries options (IHL &gt; 5).</summary>
    IpOptions = 0x0020,

    /// <summary>A flow or sample rather than a captured packet (set by flow decoders).</summary>
    FromFlow = 0x0040,
}
