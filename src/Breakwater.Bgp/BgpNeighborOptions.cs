using System.Net;
using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

/// <summary>One configured neighbour (<c>bgp.neighbors[]</c>).</summary>
public sealed record BgpNeighborOptions
{
    public required IPAddress Address { get; init; }

    public int Port { get; init; } = 179;

    public required uint RemoteAs { get; init; }

    public BgpConnectMode Mode { get; init; } = BgpConnectMode.Active;

    public IReadOnlyList<BgpFamily> Families { get; init; } = [BgpFamily.Ipv4Unicast, BgpFamily.Ipv6Unicast, BgpFamily.Ipv4FlowSpec, BgpFamily.Ipv6FlowSpec];

    /// <summary>Local address to connect from (active mode); any when null.</summary>
    public IPAddress? LocalAddress { get; init; }

    public string Name => $"{Address}:{Port}";
}
