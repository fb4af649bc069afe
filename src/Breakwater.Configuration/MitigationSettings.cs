using Breakwater.Core;

namespace Breakwater.Configuration;

/// <summary>
/// The <c>mitigation</c> section (defaults) or <c>groups.NAME.mitigation</c> (a group's override of some keys): the
/// policy that turns an incident into FlowSpec rules, a blackhole route or nftables rules, and its safety limits.
/// </summary>
public sealed record MitigationSettings
{
    public MitigationMode Mode { get; init; } = MitigationMode.DryRun;

    /// <summary>Prefixes no route or rule may ever cover.</summary>
    public IReadOnlyList<Prefix> Never { get; init; } = [];

    /// <summary>Most mitigations active or pending at once; the next one is refused with a reason.</summary>
    public int MaxActive { get; init; } = 50;

    /// <summary>How long a mitigation stays after the attack's last second.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary><c>min_prefix_length.ipv4</c>: nothing wider than this is announced or filtered (default /24).</summary>
    public int MinPrefixLengthV4 { get; init; } = 24;

    /// <summary><c>min_prefix_length.ipv6</c> (default /48).</summary>
    public int MinPrefixLengthV6 { get; init; } = 48;

    public BlackholeSettings Blackhole { get; init; } = new();

    public FlowSpecSettings FlowSpec { get; init; } = new();

    public NftablesSettings Nftables { get; init; } = new();
}
