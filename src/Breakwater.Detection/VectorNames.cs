namespace Breakwater.Detection;

/// <summary>The stable vector names of the analysis document (PRODUCT.md "Vector names").</summary>
internal static class VectorNames
{
    public const int Count = (int)VectorKind.IpFlood + 1;

    public static string Name(VectorKind kind) => kind switch
    {
        VectorKind.SynFlood => "syn_flood",
        VectorKind.AckFlood => "ack_flood",
        VectorKind.RstFlood => "rst_flood",
        VectorKind.FinFlood => "fin_flood",
        VectorKind.TcpFlagAbuse => "tcp_flag_abuse",
        VectorKind.TcpDataFlood => "tcp_data_flood",
        VectorKind.TcpReflection => "tcp_reflection",
        VectorKind.UdpFlood => "udp_flood",
        VectorKind.VseFlood => "vse_flood",
        VectorKind.DnsQuery => "udp_flood",
        VectorKind.DnsAmplification => "dns_amplification",
        VectorKind.NtpAmplification => "ntp_amplification",
        VectorKind.MemcachedAmplification => "memcached_amplification",
        VectorKind.SsdpAmplification => "ssdp_amplification",
        VectorKind.CldapAmplification => "cldap_amplification",
        VectorKind.SnmpAmplification => "snmp_amplification",
        VectorKind.ChargenAmplification => "chargen_amplification",
        VectorKind.WsdAmplification => "wsd_amplification",
        VectorKind.RpcPortmapAmplification => "rpc_portmap_amplification",
        VectorKind.GreFlood => "gre_flood",
        VectorKind.IcmpFlood => "icmp_flood",
        VectorKind.IpFragmentFlood => "ip_fragment_flood",
        _ => "ip_flood",
    };

    public const string DnsWaterTorture = "dns_water_torture";

    public static string ProtocolName(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 or 58 => "icmp",
        47 => "gre",
        _ => "ip",
    };
}
