namespace Breakwater.Core;

/// <summary>
/// Per-host limits of a host group. A host is over its thresholds when any set limit is exceeded in a
/// one-second bucket (rates are estimated real traffic, scaled by the sampling rate). Unset limits are null.
/// </summary>
public sealed record Thresholds
{
    /// <summary>Default limits: catch a 5,000 pps or 50 Mbit/s flood at one host with margin for jitter.</summary>
    public static Thresholds Default { get; } = new() { Pps = 4000, Mbps = 40 };

    /// <summary>All packets to the host, per second.</summary>
    public double? Pps { get; init; }

    /// <summary>All traffic to the host, megabits (10^6 bits) per second.</summary>
    public double? Mbps { get; init; }

    public double? TcpPps { get; init; }

    public double? UdpPps { get; init; }

    public double? IcmpPps { get; init; }

    /// <summary>TCP packets with SYN and without ACK.</summary>
    public double? SynPps { get; init; }

    /// <summary>TCP packets with only ACK (and optionally PSH) set.</summary>
    public double? AckPps { get; init; }

    public double? RstPps { get; init; }

    public double? FinPps { get; init; }

    /// <summary>IP fragments.</summary>
    public double? FragmentPps { get; init; }

    /// <summary>
    /// All packets to one prefix (a protected network, or a /24 or /64 when none is configured) from hosts that are
    /// not under their own incident, per second. Unset: 5 × <see cref="Pps"/> (carpet bombing detection).
    /// </summary>
    public double? PrefixPps { get; init; }

    /// <summary>Megabits per second to one prefix, counted like <see cref="PrefixPps"/>. Unset: 5 × <see cref="Mbps"/>.</summary>
    public double? PrefixMbps { get; init; }

    /// <summary>HTTP requests per second to one service (virtual host), from access logs or packets. Unset: 500.</summary>
    public double? Rps { get; init; }

    /// <summary>
    /// HTTP requests per second to one path class of one service (<c>/login</c>, <c>/api/*</c>, <c>static:js</c>): a flood
    /// aimed at one endpoint trips it while the whole service stays under <see cref="Rps"/>. Unset: no per-path limit.
    /// </summary>
    public double? PathRps { get; init; }
}
