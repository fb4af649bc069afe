namespace Breakwater.Wire.Flows;

/// <summary>One sFlow generic interface counter record (0:1) as the agent sent it: totals since the interface came up.</summary>
public readonly record struct InterfaceCounters(
    NetAddress Agent,
    uint IfIndex,
    ulong SpeedBitsPerSecond,
    ulong InOctets,
    ulong InPackets,
    ulong OutOctets,
    ulong OutPackets,
    uint InDiscards,
    uint InErrors);
