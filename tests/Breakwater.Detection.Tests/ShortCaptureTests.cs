using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

public sealed class ShortCaptureTests
{
    [Fact]
    public void Complete_FifthOfASecondAt50kPps_OpensOneIncidentWithNote()
    {
        var incident = Assert.Single(Analyze(Flood(At(0.3), 0.2, 50_000, i => Tcp("10.10.10.10", TcpFlags.Syn, i))));
        Assert.Equal("10.10.10.10", incident.Target);
        Assert.Equal("syn_flood", incident.Vectors[0].Name);
        Assert.True(incident.Vectors[0].Share > 0.97);
        Assert.Contains(incident.Notes, n => n.StartsWith("short capture", StringComparison.Ordinal));
        Assert.InRange(incident.Packets, 9_900, 10_000);
        Assert.True(incident.SpoofedSourcesLikely);
    }

    [Fact]
    public void Complete_ShortCaptureAcrossSecondBoundary_OpensOneIncident() =>
        Assert.Equal("udp_flood", Assert.Single(Analyze(Flood(At(0.9), 0.2, 50_000, i => Udp("10.10.10.10", i, 80)))).Vectors[0].Name);

    [Fact]
    public void Complete_FewPacketsCloseTogether_OpensNoIncident() =>
        Assert.Empty(Analyze(Flood(At(0.3), 0.001, 50_000, i => Tcp("10.10.10.10", TcpFlags.Syn, i))));

    [Fact]
    public void Complete_ShortCaptureAtNormalRate_OpensNoIncident() =>
        Assert.Empty(Analyze(Flood(At(0.3), 0.5, 2_000, i => Tcp("10.10.10.10", TcpFlags.Syn, i))));
}
