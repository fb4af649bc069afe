using Breakwater.Core;
using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

[Collection(nameof(HeavyTrafficCollection))]
public sealed class PrefixDetectionTests
{
    private static DateTimeOffset Time(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds(At(seconds) / 1_000_000);

    /// <summary>Normal traffic to a few servers of the prefix (300 pps in all), from 50 clients.</summary>
    private static IEnumerable<Packet> Servers(string prefix24, double seconds, double pps = 300) =>
        Flood(At(0), seconds, pps, i => Tcp($"{prefix24}.{200 + (i % 20)}", TcpFlags.Ack | TcpFlags.Psh, i + 9_000_000, payload: 300, source: Bot(i, 50)));

    /// <summary>Carpet bombing: every host .1–.254 of the /24, 60 % UDP and 40 % SYN from spoofed sources.</summary>
    private static IEnumerable<Packet> Carpet(string prefix24, double from, double seconds, double pps) =>
        Flood(At(from), seconds, pps, i => i % 5 < 3
            ? Udp($"{prefix24}.{1 + (i % 254)}", i, 80, payloadLength: 120)
            : Tcp($"{prefix24}.{1 + (i % 254)}", TcpFlags.Syn, i));

    [Fact]
    public void Engine_CarpetBombingWithoutNetworks_OpensOneIncidentOnTheSlash24()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var incidents = AnalyzeMerged(engine, Servers("203.0.113", 45), Carpet("203.0.113", 15, 12, 25_000));

        var incident = Assert.Single(incidents);
        Assert.Equal("203.0.113.0/24", incident.Target);
        Assert.InRange(incident.Start, Time(13), Time(17));
        Assert.InRange(incident.End!.Value, Time(24), Time(28));
        Assert.InRange(incident.Detected, Time(15), Time(18));
        Assert.StartsWith("prefix pps", incident.Reason, StringComparison.Ordinal);
        Assert.Equal(["udp_flood", "syn_flood"], incident.Vectors.Select(v => v.Name));
        Assert.InRange(incident.Vectors[0].Share, 0.55, 0.65);
        Assert.InRange(incident.PeakPps, 24_000, 26_500);
        Assert.InRange(incident.Packets, 280_000, 310_000);
        Assert.True(incident.UniqueSources > 100_000);
        Assert.True(incident.SpoofedSourcesLikely);
        Assert.StartsWith("ip dst net 203.0.113.0/24", incident.Fingerprint!.Filter, StringComparison.Ordinal);

        var summary = Assert.Single(engine.PrefixSummaries);
        Assert.Equal("203.0.113.0/24", summary.Prefix);
        Assert.Equal([incident.Id], summary.Incidents);
        Assert.InRange(summary.Targets.Count, 254, 256);
        Assert.Contains("203.0.113.1", summary.Targets);
        Assert.Contains("203.0.113.254", summary.Targets);
        Assert.Equal(summary.Targets.Count, summary.Targets.Distinct().Count());
    }

    [Fact]
    public void Engine_CarpetBombingWithNetworks_AggregatesPerProtectedNetworkWithItsPrefixLimit()
    {
        var settings = new DetectionSettings
        {
            Networks = [new ProtectedNetwork(Prefix.Parse("203.0.112.0/22"), "web")],
            Groups = new Dictionary<string, HostGroup>
            {
                ["web"] = new("web", new Thresholds { Pps = 4_000, PrefixPps = 10_000 }),
            },
        };
        var engine = new DetectionEngine(settings);

        // 15,000 pps over two /24s of the /22: under the default 20,000 but over the group's prefix_pps.
        var incidents = AnalyzeMerged(engine,
            Servers("203.0.113", 45),
            Carpet("203.0.112", 15, 12, 7_500),
            Carpet("203.0.113", 15, 12, 7_500));

        var incident = Assert.Single(incidents);
        Assert.Equal("203.0.112.0/22", incident.Target);
        Assert.Equal("web", incident.Group);
        Assert.Matches(@"^prefix pps 15[0-3]\d\d > 10000$", incident.Reason);
        Assert.InRange(incident.Start, Time(13), Time(17));
        Assert.InRange(incident.End!.Value, Time(24), Time(28));
        Assert.StartsWith("ip dst net 203.0.112.0/22", incident.Fingerprint!.Filter, StringComparison.Ordinal);
        var summary = Assert.Single(engine.PrefixSummaries);
        Assert.Equal("203.0.112.0/22", summary.Prefix);
        Assert.Contains("203.0.112.17", summary.Targets);
        Assert.Contains("203.0.113.17", summary.Targets);
    }

    [Fact]
    public void Engine_CarpetBelowConfiguredPrefixLimit_OpensNoIncident()
    {
        var settings = new DetectionSettings
        {
            Networks = [new ProtectedNetwork(Prefix.Parse("203.0.113.0/24"), "web")],
            Groups = new Dictionary<string, HostGroup> { ["web"] = new("web", new Thresholds { Pps = 4_000, PrefixPps = 40_000 }) },
        };
        Assert.Empty(AnalyzeMerged(new DetectionEngine(settings), Servers("203.0.113", 45), Carpet("203.0.113", 15, 12, 25_000)));
    }

    [Fact]
    public void Engine_CarpetBombingIPv6_OpensOneIncidentOnTheSlash64()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var background = Flood(At(0), 40, 200, i => Tcp($"2001:db8:1:2::{200 + (i % 10):x}", TcpFlags.Ack | TcpFlags.Psh, i, payload: 200));
        var carpet = Flood(At(10), 10, 24_000, i => Udp($"2001:db8:1:2::{1 + (i % 200):x}", i, 443, payloadLength: 200));

        var incident = Assert.Single(AnalyzeMerged(engine, background, carpet));
        Assert.Equal("2001:db8:1:2::/64", incident.Target);
        Assert.Equal("udp_flood", incident.Vectors[0].Name);
        Assert.InRange(incident.Start, Time(8), Time(12));
        Assert.InRange(incident.End!.Value, Time(17), Time(21));
        Assert.StartsWith("ip6 dst net 2001:db8:1:2::/64", incident.Fingerprint!.Filter, StringComparison.Ordinal);
        var summary = Assert.Single(engine.PrefixSummaries);
        Assert.Equal(200, summary.Targets.Count);
        Assert.Contains("2001:db8:1:2::1", summary.Targets);
    }

    [Fact]
    public void Engine_SingleHostFloodAbovePrefixLimit_OpensOnlyTheHostIncident()
    {
        // 30,000 pps at one host is over the /24's 20,000 too, but the host's own incident explains it.
        var engine = new DetectionEngine(new DetectionSettings());
        var incidents = AnalyzeMerged(engine,
            Servers("203.0.113", 40),
            Flood(At(10), 15, 30_000, i => Tcp("203.0.113.9", TcpFlags.Syn, i)));

        var incident = Assert.Single(incidents);
        Assert.Equal("203.0.113.9", incident.Target);
        Assert.Empty(engine.PrefixSummaries);
    }

    [Fact]
    public void Engine_HostFloodDuringCarpetBombing_ReportsBothAndKeepsTheHostOutOfThePrefix()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var incidents = AnalyzeMerged(engine,
            Servers("203.0.113", 45),
            Carpet("203.0.113", 15, 12, 25_000),
            Flood(At(15), 12, 20_000, i => Tcp("203.0.113.77", TcpFlags.Ack, i + 50_000_000)));

        Assert.Equal(2, incidents.Count);
        var host = Assert.Single(incidents, i => i.Target == "203.0.113.77");
        Assert.Equal("ack_flood", host.Vectors[0].Name);
        var prefix = Assert.Single(incidents, i => i.Target == "203.0.113.0/24");
        Assert.DoesNotContain(prefix.Vectors, v => v.Name == "ack_flood");
        Assert.InRange(prefix.PeakPps, 24_000, 26_500);
        Assert.DoesNotContain("203.0.113.77", Assert.Single(engine.PrefixSummaries).Targets);
    }

    [Fact]
    public void Engine_NormalTrafficSpreadOverSlash24_OpensNoIncident()
    {
        // 254 hosts at 50 pps (12,700 pps in all, above the release level but under 20,000) after a quiet start.
        var spread = Flood(At(5), 120, 12_700, i => Tcp($"203.0.113.{1 + (i % 254)}", TcpFlags.Ack | TcpFlags.Psh, i, payload: 400, source: Bot(i, 3_000)));
        Assert.Empty(AnalyzeMerged(new DetectionEngine(new DetectionSettings()), Servers("203.0.113", 130), spread));
    }

    [Fact]
    public void Engine_PrefixOverItsLimitSinceTheInputBegan_WaitsForTheLongerTrigger()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var incident = Assert.Single(AnalyzeMerged(engine, Carpet("203.0.113", 0, 70, 25_000)));
        Assert.Equal("203.0.113.0/24", incident.Target);
        Assert.InRange(incident.Detected, Time(59), Time(61));
        Assert.Contains(incident.Notes, n => n.StartsWith("prefix over its limits since the input began", StringComparison.Ordinal));
    }

    [Fact]
    public void Engine_ManyPrefixesWithoutNetworks_PrefixTableStaysBounded()
    {
        var engine = new DetectionEngine(new DetectionSettings { MaxTrackedTargets = 1_024 });
        var record = Udp("198.51.100.7", 0, 53).Record;
        for (long i = 0; i < 200_000; i++)
        {
            record.Destination = RandomV4(i + 11);
            record.TimestampNanos = T0 + (i * 100_000);
            engine.Add(ref record, []);
            Assert.True(engine.TrackedPrefixes <= engine.TrackedTargets);
        }

        engine.Complete();
        Assert.Empty(engine.Incidents);
        Assert.InRange(engine.TrackedPrefixes, 900, 1_024);
    }
}
