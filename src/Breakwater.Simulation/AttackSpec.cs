using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>One attack of a scenario; offsets are nanoseconds from the scenario start.</summary>
internal sealed record AttackSpec(
    string Name,
    string TargetText,
    IReadOnlyList<NetAddress> Targets,
    long StartNs,
    long DurationNs,
    double Pps,
    long RampNs,
    IReadOnlyList<VectorSpec> Vectors,
    SourceSpec Sources)
{
    public Prefix? TargetPrefix { get; init; }

    public (int Min, int Max)? Payload { get; init; }

    public TtlMode Ttl { get; init; } = TtlMode.PerSource;

    public byte FixedTtl { get; init; } = 64;
}
