using Breakwater.Core;

namespace Breakwater.Configuration;

/// <summary>The parts of <c>breakwater.yaml</c> that the running code uses, validated.</summary>
public sealed record BreakwaterConfig
{
    public string? Path { get; init; }

    public DetectionSettings Detection { get; init; } = new();

    public CollectorSettings Collectors { get; init; } = new();

    public EventSettings Events { get; init; } = new();

    /// <summary>The store; the loader always sets it (SQLite beside the file by default), null only for configs built in code.</summary>
    public StorageSettings? Storage { get; init; }
}
