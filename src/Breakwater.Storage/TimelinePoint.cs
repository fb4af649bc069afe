namespace Breakwater.Storage;

/// <summary>One second of one vector of an incident: packets and bytes (estimated real traffic).</summary>
public readonly record struct TimelinePoint(DateTimeOffset Second, string Vector, long Packets, long Bytes);
