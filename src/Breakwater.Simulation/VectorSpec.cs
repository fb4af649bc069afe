using Breakwater.Core;

namespace Breakwater.Simulation;

/// <summary>One vector of an attack with its share of the packets and its shape options.</summary>
internal sealed record VectorSpec(string Name, VectorKind Kind, double Weight)
{
    /// <summary>Mirai's shape (SYN options block, ACK with 512 random bytes, fixed HTTP header order).</summary>
    public bool Mirai { get; init; }

    /// <summary>Destination ports to use; empty = the vector's default (random for UDP floods).</summary>
    public IReadOnlyList<ushort> Ports { get; init; } = [];

    /// <summary>Payload bytes (min, max); null = the vector's default.</summary>
    public (int Min, int Max)? Payload { get; init; }

    /// <summary>GRE inner kind: false = IPv4/UDP (greip), true = transparent Ethernet (greeth).</summary>
    public bool GreEthernet { get; init; }

    /// <summary>Zone under attack for dns_water_torture.</summary>
    public string Zone { get; init; } = "victim-zone.example";
}
