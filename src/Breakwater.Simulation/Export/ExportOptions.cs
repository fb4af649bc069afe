using System.Net;

namespace Breakwater.Simulation.Export;

/// <summary>
/// How to send a scenario as flow datagrams. With <see cref="RecordsPerSecond"/> the records go out at that pace
/// whatever the scenario's clock says (a load generator); without it, in real time, following the scenario's timestamps.
/// </summary>
public sealed record ExportOptions(ExportFormat Format, IPEndPoint Destination)
{
    public double? RecordsPerSecond { get; init; }

    /// <summary>One in how many packets is sampled (sFlow) or counted (sampled NetFlow/IPFIX); 1 = all.</summary>
    public uint SamplingRate { get; init; } = 1;

    /// <summary>NetFlow/IPFIX active timeout in scenario time: flows are exported at least this often.</summary>
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Stop after this long of wall-clock time (bounded load tests); null = the whole scenario.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>
    /// Compress the scenario's timeline to about this much wall-clock time (the live demo): quiet stretches between
    /// traffic shrink first; if that is not enough, the busy parts play faster (rates rise by the same factor).
    /// Null = real time. Ignored with <see cref="RecordsPerSecond"/>.
    /// </summary>
    public TimeSpan? TargetDuration { get; init; }

    /// <summary>Stops the export early (Ctrl+C in the demo).</summary>
    public CancellationToken Cancellation { get; init; }
}
