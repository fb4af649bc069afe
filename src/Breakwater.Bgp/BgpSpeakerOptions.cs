using System.Net;

namespace Breakwater.Bgp;

/// <summary>The speaker's own identity and timers (<c>bgp:</c>), and its neighbours.</summary>
public sealed record BgpSpeakerOptions
{
    public required uint LocalAs { get; init; }

    public required IPAddress RouterId { get; init; }

    /// <summary>Where passive neighbours connect to; null when every neighbour is active.</summary>
    public IPEndPoint? Listen { get; init; }

    /// <summary>Proposed hold time (RFC 4271 §4.2); the session uses the smaller of both sides' values.</summary>
    public TimeSpan HoldTime { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>First reconnect delay; doubles after each failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<BgpNeighborOptions> Neighbors { get; init; } = [];
}
