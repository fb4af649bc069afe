namespace Breakwater.Storage.Migrations;

/// <summary>
/// Every migration in the order they run. To add tables (mitigations, intel, probes, reports …): write a new
/// <c>MNNNN_Name.cs</c> beside this file and append one line here with the next version number.
/// </summary>
public static class MigrationList
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        M0001_Incidents.Migration,
        M0002_TrafficRollups.Migration,
        M0003_Outages.Migration,
        M0004_Mitigations.Migration,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => All[^1].Version;
}
