namespace Breakwater.Wire;

/// <summary>One frame framed out of a capture file; <see cref="Data"/> points into the reader's buffer.</summary>
public readonly ref struct CapturedFrame
{
    public CapturedFrame(LinkType linkType, long timestampNanos, uint originalLength, ReadOnlySpan<byte> data)
    {
        LinkType = linkType;
        TimestampNanos = timestampNanos;
        OriginalLength = originalLength;
        Data = data;
    }

    public LinkType LinkType { get; }

    /// <summary>Unix time in nanoseconds, UTC.</summary>
    public long TimestampNanos { get; }

    /// <summary>Length of the frame on the wire (pcap orig_len).</summary>
    public uint OriginalLength { get; }

    /// <summary>The captured bytes (possibly fewer than <see cref="OriginalLength"/>).</summary>
    public ReadOnlySpan<byte> Data { get; }
}
