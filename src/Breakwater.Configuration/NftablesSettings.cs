namespace Breakwater.Configuration;

/// <summary><c>mitigation.nftables</c>: apply the active rule sets on this host with <c>nft</c>.</summary>
public sealed record NftablesSettings
{
    public bool Apply { get; init; }

    /// <summary><c>table</c>: the <c>inet</c> table Breakwater owns and replaces as a whole (default <c>breakwater</c>).</summary>
    public string Table { get; init; } = "breakwater";

    /// <summary><c>netns</c>: run <c>nft</c> inside this network namespace (<c>ip netns exec</c>); the host's own when absent.</summary>
    public string? Netns { get; init; }
}
