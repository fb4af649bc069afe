namespace Breakwater.Storage.Outages;

/// <summary>What the outage service has to write since its last flush.</summary>
public sealed record OutageBatch
{
    public IReadOnlyList<ReportCount> Reports { get; init; } = [];

    public IReadOnlyList<StoredWave> Waves { get; init; } = [];

    public IReadOnlyList<StoredProbeState> ProbeStates { get; init; } = [];

    public bool IsEmpty => Reports.Count == 0 && Waves.Count == 0 && ProbeStates.Count == 0;
}
