namespace Breakwater.Core.Forensics;

/// <summary>Keys of <see cref="IncidentEvidence.Shapes"/>: packet shapes of known attack tools.</summary>
public static class ShapeNames
{
    /// <summary>SYN with exactly 20 option bytes and window 0 (Mirai attack_tcp_syn: options MSS, SACK-permitted, timestamp, NOP, window scale; window left at 0).</summary>
    public const string MiraiSyn = "mirai_syn";

    /// <summary>SYN with 20 option bytes and a non-zero window: what a real TCP stack sends.</summary>
    public const string StackSyn = "stack_syn";

    /// <summary>SYN without options (hping3, trafgen templates, many scripts).</summary>
    public const string BareSyn = "bare_syn";

    public const string SynWindowZero = "syn_window_zero";

    /// <summary>ACK without PSH carrying 512 payload bytes (Mirai attack_tcp_ack).</summary>
    public const string MiraiAck = "mirai_ack";

    /// <summary>PSH+ACK with 768 bytes after the IP header's TCP header of 20 bytes, or 756 bytes after a 32-byte header (Mirai attack_tcp_stomp sets doff 8).</summary>
    public const string MiraiStomp = "mirai_stomp";

    /// <summary>UDP with 512 payload bytes (Mirai udp generic and udpplain default size).</summary>
    public const string Udp512 = "udp_512";

    /// <summary>DNS query whose first label is 12 letters or digits (Mirai attack_udp_dns).</summary>
    public const string DnsRandom12 = "dns_random12";

    public const string DnsQueries = "dns_queries";

    /// <summary>Valve Source Engine query payload.</summary>
    public const string Vse = "vse";

    /// <summary>GRE carrying IPv4/UDP with 512 bytes (Mirai greip/greeth).</summary>
    public const string MiraiGre = "mirai_gre";

    public const string HttpRequests = "http_requests";

    /// <summary>HTTP request with Mirai's header order: User-Agent, Host, Connection: keep-alive, Accept, Accept-Language.</summary>
    public const string HttpMiraiOrder = "http_mirai_order";

    /// <summary>HTTP request with one of Mirai's five hard-coded user agents.</summary>
    public const string HttpMiraiAgent = "http_mirai_agent";

    /// <summary>Packets with TTL above 64 (Mirai's raw packets start at 64, so a larger TTL cannot be one).</summary>
    public const string TtlAbove64 = "ttl_above_64";
}
