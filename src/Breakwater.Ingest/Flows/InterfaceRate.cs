using Breakwater.Wire;

namespace Breakwater.Ingest.Flows;

/// <summary>Rates of one interface between its last two sFlow counter samples.</summary>
public readonly record struct InterfaceRate(
    NetAddress Agent,
    uint IfIndex,
    ulong SpeedBitsPerSecond,
    double InBitsPerSecond,
    double InPacketsPerSecond,
    double OutBitsPerSecond,
    double OutPacketsPerSecond);
