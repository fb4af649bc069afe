namespace Breakwater.Storage;

/// <summary>An operator acknowledged the incident: no more alerts for it.</summary>
public sealed record Acknowledgement(DateTimeOffset Time, string By);
