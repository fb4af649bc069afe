namespace Breakwater.Storage.Writing;

/// <summary>The latest snapshot of an incident waiting for the next flush (older ones of the same flush are replaced).</summary>
internal sealed record PendingIncident(string Document, DateTimeOffset Time, long? LastSecond);
