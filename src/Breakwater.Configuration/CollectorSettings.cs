using System.Net;

namespace Breakwater.Configuration;

/// <summary>The <c>collectors</c> section: where the daemon listens for sFlow and NetFlow/IPFIX, and what it captures live.</summary>
public sealed record CollectorSettings
{
    public IReadOnlyList<IPEndPoint> SFlowListen { get; init; } = [];

    /// <summary>NetFlow v5, v9 and IPFIX share these ports; the version field tells them apart.</summary>
    public IReadOnlyList<IPEndPoint> NetFlowListen { get; init; } = [];

    /// <summary>Interface for live packet capture (libpcap), or null.</summary>
    public string? PcapInterface { get; init; }

    /// <summary>Web access logs to follow (<c>collectors.access_log</c>), or null.</summary>
    public AccessLogCollectorSettings? AccessLog { get; init; }
}
