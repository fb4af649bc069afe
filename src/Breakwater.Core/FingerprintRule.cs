namespace Breakwater.Core;

/// <summary>
/// One rule of an incident's rule set (<c>fingerprint.rules[]</c>): the most selective match for one vector or a group of
/// vectors of one shape, with its coverage of those vectors' packets and its collateral, the share of the target's own
/// non-attack traffic (seen before and during the incident) that it would also drop.
/// </summary>
public sealed class FingerprintRule
{
    public IReadOnlyList<string> Vectors { get; init; } = [];

    /// <summary>tcpdump/BPF expression.</summary>
    public required string Bpf { get; init; }

    /// <summary>One nftables rule (inet family, ends with <c>counter drop</c>).</summary>
    public required string Nft { get; init; }

    /// <summary>The FlowSpec NLRI components (RFC 8955/8956) of the rule.</summary>
    public required FlowSpecMatch Flowspec { get; init; }

    public double Coverage { get; init; }

    public double Collateral { get; init; }

    /// <summary>
    /// Extension: collateral of the FlowSpec match alone, which cannot test TTL or payload (at least <see cref="Collateral"/>).
    /// Mitigation compares this one with <c>mitigation.flowspec.max_collateral</c>.
    /// </summary>
    public double FlowspecCollateral { get; init; }
}
