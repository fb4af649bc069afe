namespace Breakwater.Wire.Bgp;

/// <summary>FlowSpec NLRI component types (RFC 8955 §4.2.2; type 13 and the IPv6 meaning of 3 from RFC 8956).</summary>
public enum FlowSpecComponentType : byte
{
    DestinationPrefix = 1,
    SourcePrefix = 2,

    /// <summary>IP protocol (IPv4) or last Next Header (IPv6).</summary>
    IpProtocol = 3,
    Port = 4,
    DestinationPort = 5,
    SourcePort = 6,
    IcmpType = 7,
    IcmpCode = 8,

    /// <summary>Bitmask operands.</summary>
    TcpFlags = 9,
    PacketLength = 10,
    Dscp = 11,

    /// <summary>Bitmask operands: 0x01 don't fragment (IPv4 only), 0x02 is a fragment, 0x04 first fragment, 0x08 last fragment.</summary>
    Fragment = 12,

    /// <summary>IPv6 only.</summary>
    FlowLabel = 13,
}
