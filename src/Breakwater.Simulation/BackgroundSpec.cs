using Breakwater.Core;

namespace Breakwater.Simulation;

/// <summary>Normal traffic between clients and servers during the given spans (nanosecond offsets).</summary>
internal sealed record BackgroundSpec(double Pps, int Clients, int Servers, Prefix ServerPrefix, IReadOnlyList<(long StartNs, long EndNs)> Spans)
{
    public double Web { get; init; } = 0.6;

    public double Dns { get; init; } = 0.2;

    public double Quic { get; init; } = 0.15;

    public double Icmp { get; init; } = 0.05;
}
