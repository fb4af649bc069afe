namespace Breakwater.Outages.Timeline;

/// <summary>A detected incident as the timeline shows it (from an analysis document, the event stream or the store).</summary>
public sealed record TimelineIncident(string Id, string Target, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Vectors, double PeakPps, double PeakBps, string? Botnet);

/// <summary>A mitigation (blackhole, FlowSpec or nftables rule) and how long it was active.</summary>
public sealed record TimelineMitigation(string Id, string? Incident, string Kind, string Prefix, DateTimeOffset Start, DateTimeOffset? End);

/// <summary>An attack command a botnet tracker saw a C2 server send (imported intel).</summary>
public sealed record TimelineCommand(DateTimeOffset Time, double DurationSeconds, string C2, string? Family, string Method, IReadOnlyList<string> Targets, string Source)
{
    public DateTimeOffset End => Time.AddSeconds(Math.Max(0, DurationSeconds));
}

/// <summary>
/// A responsibility claim: someone (<see cref="Actor"/>) said on <see cref="Source"/> at <see cref="Time"/> that they
/// attacked <see cref="Target"/> (a name, an address or a prefix) during the window.
/// </summary>
public sealed record Claim(DateTimeOffset Time, string Actor, string Target, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? Source);
