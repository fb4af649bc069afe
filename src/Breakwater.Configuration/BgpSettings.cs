using System.Net;

namespace Breakwater.Configuration;

/// <summary>The <c>bgp</c> section: the built-in speaker's identity and its neighbours (docs/mitigation.md).</summary>
public sealed record BgpSettings
{
    public required uint LocalAs { get; init; }

    public required IPAddress RouterId { get; init; }

    /// <summary><c>bgp.listen</c>: where passive neighbours connect (default 127.0.0.1:179; needed only for passive ones).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 179);

    /// <summary><c>bgp.hold_time</c>: proposed hold time (RFC 4271 §4.2), 0 or 3 s to 65535 s.</summary>
    public TimeSpan HoldTime { get; init; } = TimeSpan.FromSeconds(90);

    public IReadOnlyList<BgpNeighborSettings> Neighbors { get; init; } = [];
}
