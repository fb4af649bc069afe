namespace Breakwater.Simulation;

/// <summary>Link layer of the written capture.</summary>
internal enum SimLinkType
{
    /// <summary>LINKTYPE_ETHERNET (1): a 14-byte Ethernet II header before each IP packet.</summary>
    Ethernet = 1,

    /// <summary>LINKTYPE_RAW (101): bare IPv4/IPv6 packets.</summary>
    Raw = 101,
}
