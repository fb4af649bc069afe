namespace Breakwater.Storage.Outages;

/// <summary>One probe state change as stored: the probe, when, the state name, and the change as its <c>probe.state</c> JSON object.</summary>
public sealed record StoredProbeState(string Probe, DateTimeOffset Time, string State, string Document);
