using System.Net;

namespace Breakwater.Configuration;

/// <summary>One entry of <c>bgp.neighbors</c>.</summary>
public sealed record BgpNeighborSettings
{
    public required IPAddress Address { get; init; }

    public int Port { get; init; } = 179;

    public required uint RemoteAs { get; init; }

    /// <summary>True: Breakwater connects (<c>mode: active</c>, the default); false: it waits on <c>bgp.listen</c>.</summary>
    public bool Active { get; init; } = true;

    /// <summary><c>ipv4</c>, <c>ipv6</c>, <c>flow4</c>, <c>flow6</c>.</summary>
    public IReadOnlyList<string> Families { get; init; } = ["ipv4", "ipv6", "flow4", "flow6"];

    /// <summary><c>local_address</c>: the address to connect from (active mode); the system's choice when absent.</summary>
    public IPAddress? LocalAddress { get; init; }
}
