namespace Breakwater.Simulation;

/// <summary>A loaded, validated scenario.</summary>
internal sealed record Scenario(
    string Name,
    ulong Seed,
    DateTimeOffset Start,
    SimLinkType LinkType,
    TimestampResolution Resolution,
    BackgroundSpec? Background,
    IReadOnlyList<AttackSpec> Attacks)
{
    public long DurationNs { get; init; }
}
