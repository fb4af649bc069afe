namespace Breakwater.Core.Forensics;

public sealed class KnownSource
{
    public required string Address { get; init; }

    public long Packets { get; init; }

    /// <summary>The matching list entry's family and tags, e.g. "mirai; camera".</summary>
    public string? Label { get; init; }

    public string? List { get; init; }
}
