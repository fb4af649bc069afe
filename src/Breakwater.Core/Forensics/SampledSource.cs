using Breakwater.Wire;

namespace Breakwater.Core.Forensics;

/// <summary>One source of the hash sample: exact counts, since every packet of a sampled source is counted.</summary>
public readonly record struct SampledSource(
    NetAddress Address, long Packets, long Bytes, long FirstNanos, long LastNanos, SampledSourceFlags Flags, int SourcePorts);
