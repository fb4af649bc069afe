using Breakwater.Wire;

namespace Breakwater.Simulation.Export;

/// <summary>The 5-tuple a NetFlow exporter aggregates packets by.</summary>
internal readonly record struct FlowKey(NetAddress Source, NetAddress Destination, ushort SourcePort, ushort DestinationPort, byte Protocol);
