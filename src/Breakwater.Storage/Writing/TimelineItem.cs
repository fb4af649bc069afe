namespace Breakwater.Storage.Writing;

/// <summary>An incident's vector totals after second <see cref="Second"/> (Unix s); the writer turns consecutive ones into per-second rows.</summary>
internal sealed record TimelineItem(string IncidentId, long Second, long StartSecond, VectorTotal[] Vectors);
