namespace Breakwater.Storage;

/// <summary>One second (Unix seconds) of one vector of one incident, for <see cref="StoreBatch"/>.</summary>
public readonly record struct TimelineRow(string IncidentId, long Second, string Vector, long Packets, long Bytes);
