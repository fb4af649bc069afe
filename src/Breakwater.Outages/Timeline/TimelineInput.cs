using Breakwater.Outages.Probes;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Timeline;

/// <summary>Everything the timeline puts side by side; any part may be empty.</summary>
public sealed record TimelineInput
{
    public string Service { get; init; } = "service";

    public IReadOnlyList<Wave> Waves { get; init; } = [];

    /// <summary>Report counts to draw (the series the waves came from), if any.</summary>
    public IReadOnlyList<ReportBucket> Reports { get; init; } = [];

    public IReadOnlyList<ProbeStateChange> ProbeStates { get; init; } = [];

    public IReadOnlyList<TimelineIncident> Incidents { get; init; } = [];

    public IReadOnlyList<TimelineMitigation> Mitigations { get; init; } = [];

    public IReadOnlyList<TimelineCommand> Commands { get; init; } = [];

    public IReadOnlyList<Claim> Claims { get; init; } = [];

    /// <summary>How long before a wave an item may end and still be listed as preceding it.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(30);
}
