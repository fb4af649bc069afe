namespace Breakwater.Wire;

/// <summary>What a GRE packet carries (its protocol type field).</summary>
public enum GreInnerKind : byte
{
    None = 0,
    IPv4 = 1,
    IPv6 = 2,

    /// <summary>Transparent Ethernet bridging (0x6558): an Ethernet frame inside GRE.</summary>
    Ethernet = 3,

    /// <summary>Any other protocol type; the inner packet is not decoded.</summary>
    Other = 4,
}
