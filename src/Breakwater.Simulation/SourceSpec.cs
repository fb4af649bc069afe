using Breakwater.Core;

namespace Breakwater.Simulation;

/// <summary>Where attack packets come from: random spoofed addresses or a fixed, seeded pool of bots/reflectors.</summary>
internal sealed record SourceSpec(bool Spoofed, int Bots)
{
    /// <summary>Prefixes the bot addresses are drawn from (countries expand to their prefixes); empty = anywhere public.</summary>
    public IReadOnlyList<Prefix> Prefixes { get; init; } = [];
}
