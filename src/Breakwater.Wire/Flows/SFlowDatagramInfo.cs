namespace Breakwater.Wire.Flows;

/// <summary>Header facts of one sFlow datagram: who sent it, its sequence (for loss), what it held.</summary>
public readonly record struct SFlowDatagramInfo(NetAddress Agent, uint Sequence, int Samples, int CounterSamples);
