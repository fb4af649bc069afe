namespace Breakwater.Core;

/// <summary>A named set of protected hosts sharing thresholds and behaviour.</summary>
public sealed record HostGroup(string Name, Thresholds Thresholds);
