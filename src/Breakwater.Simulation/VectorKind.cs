namespace Breakwater.Simulation;

/// <summary>Packet shapes the simulator can emit; names in scenarios are the PRODUCT.md vector names.</summary>
internal enum VectorKind
{
    SynFlood,
    AckFlood,
    RstFlood,
    FinFlood,
    TcpFlagAbuse,
    TcpDataFlood,
    HttpFlood,
    UdpFlood,
    VseFlood,
    GreFlood,
    IcmpFlood,
    IpFragmentFlood,
    DnsWaterTorture,
    DnsAmplification,
    NtpAmplification,
    MemcachedAmplification,
    SsdpAmplification,
    CldapAmplification,
    SnmpAmplification,
    ChargenAmplification,
    WsdAmplification,
    RpcPortmapAmplification,
    TcpReflection,
}
