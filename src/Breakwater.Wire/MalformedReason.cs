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
}
