namespace Breakwater.Storage;

/// <summary>A timestamped note on an incident, e.g. "upstream informed".</summary>
public sealed record IncidentNote(long Id, string IncidentId, DateTimeOffset Time, string Author, string Text);
