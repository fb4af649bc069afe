using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>Small scenarios for the simulator tests.</summary>
internal static class ScenarioFiles
{
    /// <summary>Every vector on an IPv4 target, the IPv6-capable ones on an IPv6 target, greeth, and background.</summary>
    public const string AllVectors = """
        scenario: all-vectors
        seed: 7
        background:
          pps: 300
          clients: 50
          servers: 8
        attacks:
          - name: v4
            target: 198.51.100.7
            start: 2s
            duration: 3s
            pps: 5750
            sources: { bots: 500, countries: [BR, VN] }
            vectors: [syn_flood, ack_flood, rst_flood, fin_flood, tcp_flag_abuse, tcp_data_flood, http_flood, udp_flood,
                      vse_flood, gre_flood, icmp_flood, ip_fragment_flood, dns_water_torture, dns_amplification,
                      ntp_amplification, memcached_amplification, ssdp_amplification, cldap_amplification,
                      snmp_amplification, chargen_amplification, wsd_amplification, rpc_portmap_amplification, tcp_reflection]
          - name: greeth
            target: 198.51.100.8
            start: 2s
            duration: 1s
            pps: 1000
            mirai: true
            vectors: [{ name: gre_flood, variant: eth }, syn_flood, ack_flood, http_flood]
          - name: v6
            target: 2001:db8::10
            start: 2s
            duration: 3s
            pps: 3000
            sources: { spoofed: true }
            vectors: [syn_flood, ack_flood, udp_flood, icmp_flood, ip_fragment_flood, dns_amplification, gre_flood, tcp_reflection, vse_flood]
        duration: 8s
        """;

    /// <summary>One SYN flood at a known rate, for rate and evenness checks.</summary>
    public const string SteadySyn = """
        scenario: steady-syn
        seed: 11
        start: 2025-03-10T09:00:00Z
        attacks:
          - name: syn
            target: 203.0.113.9
            start: 1s
            duration: 4s
            pps: 10000
            vectors: [syn_flood]
        """;

    public static string Write(TempDirectory dir, string name, string yaml)
    {
        var path = dir.File(name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
