namespace Breakwater.Detection;

/// <summary>Packet classes an incident's traffic is sorted into; each maps to one PRODUCT.md vector name.</summary>
internal enum VectorKind : byte
{
    SynFlood,
    AckFlood,
    RstFlood,
    FinFlood,
    TcpFlagAbuse,
    TcpDataFlood,
    TcpReflection,
    UdpFlood,
    VseFlood,

    /// <summary>UDP queries to port 53: reported as <c>dns_water_torture</c> or <c>udp_flood</c> after the name analysis.</summary>
    DnsQuery,
    DnsAmplification,
    NtpAmplification,
    MemcachedAmplification,
    SsdpAmplification,
    CldapAmplification,
    SnmpAmplification,
    ChargenAmplification,
    WsdAmplification,
    RpcPortmapAmplification,
    GreFlood,
    IcmpFlood,
    IpFragmentFlood,
    IpFlood,
}
