namespace Breakwater.Core;

/// <summary>
/// The attack vectors of the analysis document, one member per kind of traffic: detection sorts packets into them,
/// the simulator emits them. <see cref="VectorNames"/> gives each its stable name.
/// </summary>
public enum VectorKind : byte
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

    /// <summary>
    /// UDP queries to port 53. Detection reports them as <c>dns_water_torture</c> when their names are random
    /// subdomains of one zone, else as <c>udp_flood</c>.
    /// </summary>
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
    GreFlood,
    IcmpFlood,
    IpFragmentFlood,

    /// <summary>Any other IP protocol (detection's catch-all, <c>ip_flood</c>); the simulator does not emit it.</summary>
    IpFlood,

    /// <summary>Layer 7 requests (<c>http_flood</c>).</summary>
    HttpFlood,
}
