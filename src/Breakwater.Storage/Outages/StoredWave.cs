namespace Breakwater.Storage.Outages;

/// <summary>
/// One outage wave as stored: its id (signal and start, so a wave found again has the same id), the times to query by,
/// and the wave itself as its <c>breakwater.waves/v1</c> JSON object (<see cref="Document"/>).
/// </summary>
public sealed record StoredWave(string Id, string Signal, DateTimeOffset Start, DateTimeOffset End, bool Ongoing, string Document);
