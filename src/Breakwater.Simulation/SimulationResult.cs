namespace Breakwater.Simulation;

/// <summary>What <see cref="ScenarioGenerator.Generate"/> wrote.</summary>
public sealed record SimulationResult(string PcapPath, string TruthPath, long Packets, long Bytes, int Attacks);
