namespace Breakwater.Core;

/// <summary>The stable vector names of the analysis document (docs/contracts.md "Vector names").</summary>
public static class VectorNames
{
    /// <summary>Members of <see cref="VectorKind"/>: the size of arrays indexed by it.</summary>
    public const int Count = (int)VectorKind.HttpFlood + 1;

    public const string DnsWaterTorture = "dns_water_torture";

    public const string UdpFlood = "udp_flood";

    public static string Name(VectorKind kind) => kind switch
    {
        VectorKind.SynFlood => "syn_flood",
        VectorKind.AckFlood => "ack_flood",
        VectorKind.RstFlood => "rst_flood",
        VectorKind.FinFlood => "fin_flood",
        VectorKind.TcpFlagAbuse => "tcp_flag_abuse",
        VectorKind.TcpDataFlood => "tcp_data_flood",
        VectorKind.TcpReflection => "tcp_reflection",
        VectorKind.UdpFlood => UdpFlood,
        VectorKind.VseFlood => "vse_flood",
        VectorKind.DnsWaterTorture => DnsWaterTorture,
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
        VectorKind.HttpFlood => "http_flood",
        _ => "ip_flood",
    };

    /// <summary>The kind a vector name stands for (ordinal, exact spelling).</summary>
    public static bool TryParse(string name, out VectorKind kind)
    {
        for (var k = 0; k < Count; k++)
        {
            if (string.Equals(Name((VectorKind)k), name, StringComparison.Ordinal))
            {
                kind = (VectorKind)k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The source port a reflected response of an amplification vector comes from, or 0.</summary>
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

    public static string ProtocolName(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 or 58 => "icmp",
        47 => "gre",
        _ => "ip",
    };
}
