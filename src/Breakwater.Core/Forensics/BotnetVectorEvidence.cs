namespace Breakwater.Core.Forensics;

/// <summary>Botnet evidence for one vector: which method of the family it is consistent with, and why.</summary>
public sealed class BotnetVectorEvidence
{
    public required string Vector { get; init; }

    /// <summary>The family's attack method the shape is consistent with, e.g. "syn", "udpplain".</summary>
    public string? Method { get; init; }

    /// <summary>Fraction of the vector's packets with the shape.</summary>
    public double Share { get; init; }

    public IReadOnlyList<string> Evidence { get; init; } = [];
}
