using Breakwater.Wire;

namespace Breakwater.Configuration;

/// <summary><c>mitigation.blackhole</c>: how a blackhole route is announced, and when blackholing is allowed.</summary>
public sealed record BlackholeSettings
{
    /// <summary>Standard communities (high 16 bits ASN, low 16 bits value); BLACKHOLE 65535:666 (RFC 7999) is always added.</summary>
    public IReadOnlyList<uint> Communities { get; init; } = [];

    public NetAddress NextHop { get; init; } = NetAddress.FromV4(0xC000_02FE); // 192.0.2.254

    /// <summary><c>next_hop6</c>: the next hop of IPv6 blackhole routes (default 100::1, the RFC 6666 discard prefix).</summary>
    public NetAddress NextHop6 { get; init; } = NetAddress.Parse("100::1");

    /// <summary><c>enabled</c>: false forbids blackholing; an incident with no narrow rule set is then only recorded.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>above_pps</c>: blackhole even when rules are narrow once the attack's peak passes this rate (null: never).</summary>
    public double? AbovePps { get; init; }

    /// <summary><c>above_mbps</c>: the same in megabits per second.</summary>
    public double? AboveMbps { get; init; }
}
