namespace Breakwater.Wire.Bgp;

/// <summary>An address family and subsequent address family (RFC 4760): IPv4/IPv6 unicast, IPv4/IPv6 FlowSpec (SAFI 133).</summary>
public readonly record struct BgpFamily(ushort Afi, byte Safi)
{
    public const ushort AfiIpv4 = 1;
    public const ushort AfiIpv6 = 2;
    public const byte SafiUnicast = 1;
    public const byte SafiFlowSpec = 133;

    public static BgpFamily Ipv4Unicast => new(AfiIpv4, SafiUnicast);

    public static BgpFamily Ipv6Unicast => new(AfiIpv6, SafiUnicast);

    public static BgpFamily Ipv4FlowSpec => new(AfiIpv4, SafiFlowSpec);

    public static BgpFamily Ipv6FlowSpec => new(AfiIpv6, SafiFlowSpec);

    public bool IsIPv6 => Afi == AfiIpv6;

    public bool IsFlowSpec => Safi == SafiFlowSpec;

    /// <summary>The name used in configuration: ipv4, ipv6, flow4, flow6.</summary>
    public string Name => (Afi, Safi) switch
    {
        (AfiIpv4, SafiUnicast) => "ipv4",
        (AfiIpv6, SafiUnicast) => "ipv6",
        (AfiIpv4, SafiFlowSpec) => "flow4",
        (AfiIpv6, SafiFlowSpec) => "flow6",
        _ => $"afi{Afi}/safi{Safi}",
    };

    public static bool TryParseName(string? name, out BgpFamily family)
    {
        family = name switch
        {
            "ipv4" => Ipv4Unicast,
            "ipv6" => Ipv6Unicast,
            "flow4" => Ipv4FlowSpec,
            "flow6" => Ipv6FlowSpec,
            _ => default,
        };
        return family.Afi != 0;
    }

    public override string ToString() => Name;
}
