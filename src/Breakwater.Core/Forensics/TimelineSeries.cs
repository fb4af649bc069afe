namespace Breakwater.Core.Forensics;

/// <summary>Packets per bucket of one vector (packets per second = value / step).</summary>
public sealed class TimelineSeries
{
    public required string Vector { get; init; }

    public required IReadOnlyList<long> Packets { get; init; }
}
