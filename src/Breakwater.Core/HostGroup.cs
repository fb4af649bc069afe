namespace Breakwater.Core;

/// <summary>A named set of protected hosts sharing thresholds and behaviour.</summary>
public sealed record HostGroup(string Name, Thresholds Thresholds)
{
    /// <summary>Limits for floods the group's hosts send (<c>groups.NAME.outgoing_thresholds</c>); null: outgoing floods are not detected.</summary>
    public Thresholds? OutgoingThresholds { get; init; }
}
