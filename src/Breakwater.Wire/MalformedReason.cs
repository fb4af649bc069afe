namespace Breakwater.Wire;

/// <summary>Why a packet or record was not decoded. Counted per reason, reported in the analysis.</summary>
public enum MalformedReason : byte
{
    None = 0,
    LinkHeaderTruncated,
    UnsupportedLinkType,
    NotIp,
    IpHeaderTruncated,
    IpVersionMismatch,
    IpHeaderLengthInvalid,
    IpTotalLengthInvalid,
    Ipv6ExtensionHeaderTruncated,
    TransportHeaderTruncated,
    TcpDataOffsetInvalid,
    GreHeaderTruncated,
    RecordLengthInvalid,

    // Capture file framing: after one of these nothing more of the file can be framed.

    /// <summary>A pcap file header or pcapng section header whose magic is not one the format defines.</summary>
    BadMagic,

    /// <summary>A pcapng block before any section header block.</summary>
    BlockOutsideSection,

    /// <summary>A pcapng block length under 12 bytes, over the 16 MiB limit or not a multiple of 4.</summary>
    BlockLengthInvalid,

    /// <summary>A pcapng block whose trailing length differs from its leading length.</summary>
    BlockTrailerMismatch,

    /// <summary>A pcapng interface, enhanced or simple packet block too short for the fixed fields of its type.</summary>
    BlockTooShort,

    /// <summary>A pcap record whose captured length is over the largest frame accepted (256 KiB, libpcap's limit).</summary>
    CapturedLengthOverLimit,

    /// <summary>A pcapng enhanced packet block whose captured length runs past the end of the block.</summary>
    CapturedLengthBeyondBlock,
}
