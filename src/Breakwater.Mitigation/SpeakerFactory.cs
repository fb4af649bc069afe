using Breakwater.Bgp;
using Breakwater.Configuration;
using Breakwater.Wire.Bgp;

namespace Breakwater.Mitigation;

/// <summary>Builds the BGP speaker from the <c>bgp</c> section.</summary>
public static class SpeakerFactory
{
    public static BgpSpeakerOptions Options(BgpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new BgpSpeakerOptions
        {
            LocalAs = settings.LocalAs,
            RouterId = settings.RouterId,
            Listen = settings.Neighbors.Any(n => !n.Active) ? settings.Listen : null,
            HoldTime = settings.HoldTime,
            Neighbors =
            [
                .. settings.Neighbors.Select(n => new BgpNeighborOptions
                {
                    Address = n.Address,
                    Port = n.Port,
                    RemoteAs = n.RemoteAs,
                    Mode = n.Active ? BgpConnectMode.Active : BgpConnectMode.Passive,
                    LocalAddress = n.LocalAddress,
                    Families = [.. n.Families.Select(f => BgpFamily.TryParseName(f, out var family) ? family : throw new ArgumentException($"unknown family {f}"))],
                }),
            ],
        };
    }
}
