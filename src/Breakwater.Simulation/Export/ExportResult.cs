namespace Breakwater.Simulation.Export;

/// <summary>What <c>simulate --export</c> sent: packets generated, flow records (samples or flows) and datagrams sent.</summary>
public sealed record ExportResult(long Packets, long Records, long Datagrams);
