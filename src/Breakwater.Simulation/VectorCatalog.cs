using System.Collections.Frozen;

namespace Breakwater.Simulation;

/// <summary>Scenario names of the vectors and the source port that marks each reflection vector.</summary>
internal static class VectorCatalog
{
    private static readonly FrozenDictionary<string, VectorKind> ByName = new Dictionary<string, VectorKind>(StringComparer.Ordinal)
    {
        ["syn_flood"] = VectorKind.SynFlood,
        ["ack_flood"] = VectorKind.AckFlood,
        ["rst_flood"] = VectorKind.RstFlood,
        ["fin_flood"] = VectorKind.FinFlood,
        ["tcp_flag_abuse"] = VectorKind.TcpFlagAbuse,
        ["tcp_data_flood"] = VectorKind.TcpDataFlood,
        ["http_flood"] = VectorKind.HttpFlood,
        ["udp_flood"] = VectorKind.UdpFlood,
        ["vse_flood"] = VectorKind.VseFlood,
        ["gre_flood"] = VectorKind.GreFlood,
        ["icmp_flood"] = VectorKind.IcmpFlood,
        ["ip_fragment_flood"] = VectorKind.IpFragmentFlood,
        ["dns_water_torture"] = VectorKind.DnsWaterTorture,
        ["dns_amplification"] = VectorKind.DnsAmplification,
        ["ntp_amplification"] = VectorKind.NtpAmplification,
        ["memcached_amplification"] = VectorKind.MemcachedAmplification,
        ["ssdp_amplification"] = VectorKind.SsdpAmplification,
        ["cldap_amplification"] = VectorKind.CldapAmplification,
        ["snmp_amplification"] = VectorKind.SnmpAmplification,
        ["chargen_amplification"] = VectorKind.ChargenAmplification,
        ["wsd_amplification"] = VectorKind.WsdAmplification,
        ["rpc_portmap_amplification"] = VectorKind.RpcPortmapAmplification,
        ["tcp_reflection"] = VectorKind.TcpReflection,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys.Order(StringComparer.Ordinal);

    public static bool TryGet(string name, out VectorKind kind) => ByName.TryGetValue(name, out kind);

    /// <summary>The well-known service port a reflected response comes from, or 0.</summary>
    public static ushort ReflectorPort(VectorKind kind) => kind switch
    {
        VectorKind.DnsAmplification => 53,
        VectorKind.NtpAmplification => 123,
        VectorKind.MemcachedAmplification => 11211,
        VectorKind.SsdpAmplification => 1900,
        VectorKind.CldapAmplification => 389,
        VectorKind.SnmpAmplification => 161,
        VectorKind.ChargenAmplification => 19,
        VectorKind.WsdAmplification => 3702,
        VectorKind.RpcPortmapAmplification => 111,
        _ => 0,
    };
}
