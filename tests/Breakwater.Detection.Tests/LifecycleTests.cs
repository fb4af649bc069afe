using Breakwater.Core;
using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

public sealed class LifecycleTests
{
    private const string Target = "198.51.100.7";

    private static IEnumerable<Packet> Background(string target, double from, double seconds, double pps, long salt = 7_000_000) =>
        Flood(At(from), seconds, pps, i => Tcp(target, TcpFlags.Ack | TcpFlags.Psh, i + salt, payload: 200, source: Bot(i, 50)));

    private static IEnumerable<Packet> Syn(string target, double from, double seconds, double pps, long salt = 0) =>
        Flood(At(from), seconds, pps, i => Tcp(target, TcpFlags.Syn, i + salt));

    private static DateTimeOffset Time(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds(At(seconds) / 1_000_000);

    [Fact]
    public void Engine_TrafficBelowThreshold_OpensNoIncident() =>
        Assert.Empty(Analyze(Syn(Target, 0, 30, 3_000)));

    [Fact]
    public void Engine_OverThresholdForTriggerSeconds_OpensWithOnsetStartAndLastAttackSecondEnd()
    {
        var incident = Assert.Single(Analyze(
            Background(Target, 0, 40, 200),
            Syn(Target, 10, 10, 10_000)));
        Assert.InRange(incident.Start, Time(9), Time(11));
        Assert.InRange(incident.End!.Value, Time(18), Time(20));
        Assert.True(incident.Detected > incident.Start, "detected after the onset");
        Assert.True(incident.Detected >= Time(11), "not before the trigger run");
        Assert.Equal("ended", incident.Status);
        Assert.InRange(incident.PeakPps, 10_000, 10_500);
        Assert.InRange(incident.Packets, 95_000, 105_000);
        Assert.Equal("syn_flood", incident.Vectors[0].Name);
    }

    [Fact]
    public void Engine_OneSecondOverThreshold_DoesNotTriggerWithTwoTriggerSeconds() =>
        Assert.Empty(Analyze(Background(Target, 0, 20, 200), Syn(Target, 5, 1, 10_000)));

    [Fact]
    public void Engine_AttackStops_ClosesAfterQuietPeriodBeforeEndOfInput()
    {
        var observer = new RecordingObserver();
        var engine = new DetectionEngine(new DetectionSettings(), observer);
        Feed(engine, Background(Target, 0, 60, 200), Syn(Target, 5, 10, 10_000));
        var ended = Assert.Single(observer.Events, e => e.Event == "ended");
        Assert.NotNull(ended.End);
        Assert.InRange(ended.End!.Value, Time(13), Time(15));
        Assert.Equal("started", observer.Events[0].Event);

        // Updates come at most once per second of the incident.
        Assert.InRange(observer.Events.Count(e => e.Event == "updated"), 1, 10 + 15 + 1);
        engine.Complete();
        Assert.Equal("ended", Assert.Single(engine.Incidents).Status);
    }

    [Fact]
    public void Engine_TwoAttacksFurtherApartThanQuietPeriod_AreTwoIncidents()
    {
        var incidents = Analyze(
            Background(Target, 0, 80, 200),
            Syn(Target, 5, 8, 10_000),
            Syn(Target, 50, 8, 10_000, salt: 5_000_000));
        Assert.Equal(2, incidents.Count);
        Assert.True(incidents[1].Start > incidents[0].End);
        Assert.NotEqual(incidents[0].Id, incidents[1].Id);
    }

    [Fact]
    public void Engine_ShortPauseInsideQuietPeriod_StaysOneIncident() =>
        Assert.Single(Analyze(
            Background(Target, 0, 60, 200),
            Syn(Target, 5, 8, 10_000),
            Syn(Target, 18, 8, 10_000, salt: 5_000_000)));

    [Fact]
    public void Engine_SeveralHostsOfOnePrefix_OneIncidentEachAndOnePrefixSummary()
    {
        var settings = new DetectionSettings
        {
            Networks = [new ProtectedNetwork(Prefix.Parse("198.51.100.0/24"), "web")],
            Groups = new Dictionary<string, HostGroup> { ["web"] = new("web", new Thresholds { Pps = 5000 }) },
        };
        var engine = new DetectionEngine(settings);
        var incidents = Analyze(engine,
            Syn("198.51.100.10", 0, 10, 8_000),
            Syn("198.51.100.11", 0, 10, 8_000, salt: 1_000_000),
            Syn("198.51.100.12", 0.5, 10, 8_000, salt: 2_000_000));
        Assert.Equal(["198.51.100.10", "198.51.100.11", "198.51.100.12"], incidents.Select(i => i.Target).Order());
        Assert.All(incidents, i => Assert.Equal("web", i.Group));
        var summary = Assert.Single(engine.PrefixSummaries);
        Assert.Equal("198.51.100.0/24", summary.Prefix);
        Assert.Equal(3, summary.Targets.Count);
        Assert.Equal(incidents.Select(i => i.Id).Order(), summary.Incidents.Order());
        Assert.Contains("syn_flood", summary.Vectors);
    }

    [Fact]
    public void Engine_Ipv6Target_IsDetected()
    {
        var incident = Assert.Single(Analyze(Syn("2001:db8:1::80", 0, 6, 10_000)));
        Assert.Equal("2001:db8:1::80", incident.Target);
        Assert.StartsWith("ip6 dst 2001:db8:1::80", incident.Fingerprint!.Filter, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_NetworksGiven_IgnoresTrafficOutsideThem()
    {
        var settings = new DetectionSettings { Networks = [new ProtectedNetwork(Prefix.Parse("198.51.100.0/24"), "web")] };
        var engine = new DetectionEngine(settings);
        var incident = Assert.Single(Analyze(engine, Syn("198.51.100.7", 0, 6, 10_000), Syn("192.0.2.9", 0, 6, 50_000, salt: 9_000_000)));
        Assert.Equal("198.51.100.7", incident.Target);
        Assert.DoesNotContain(engine.GetHostsSummary().TopTargets, t => t.Address == "192.0.2.9");
    }

    [Fact]
    public void Engine_NestedNetworks_LongestMatchPicksTheGroupThresholds()
    {
        var settings = new DetectionSettings
        {
            Networks =
            [
                new ProtectedNetwork(Prefix.Parse("198.51.0.0/16"), "loose"),
                new ProtectedNetwork(Prefix.Parse("198.51.100.0/24"), "tight"),
                new ProtectedNetwork(Prefix.Parse("2001:db8::/32"), "loose"),
                new ProtectedNetwork(Prefix.Parse("2001:db8:5::/48"), "tight"),
            ],
            Groups = new Dictionary<string, HostGroup>
            {
                ["loose"] = new("loose", new Thresholds { Pps = 100_000 }),
                ["tight"] = new("tight", new Thresholds { Pps = 1_000 }),
            },
        };
        var incidents = Analyze(new DetectionEngine(settings),
            Syn("198.51.100.7", 0, 6, 5_000),
            Syn("198.51.7.7", 0, 6, 5_000, salt: 1_000_000),
            Syn("2001:db8:5::1", 0, 6, 5_000, salt: 2_000_000),
            Syn("2001:db8:6::1", 0, 6, 5_000, salt: 3_000_000));
        Assert.Equal(["198.51.100.7", "2001:db8:5::1"], incidents.Select(i => i.Target).Order());
        Assert.All(incidents, i => Assert.Equal("tight", i.Group));
    }

    [Fact]
    public void Engine_PerClassThreshold_FiresOnSynRateBelowTotalLimit()
    {
        var settings = new DetectionSettings { DefaultGroup = new HostGroup("default", new Thresholds { Pps = 100_000, SynPps = 1_000 }) };
        var incident = Assert.Single(Analyze(new DetectionEngine(settings), Syn(Target, 0, 6, 3_000)));
        Assert.StartsWith("syn pps", incident.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_SampledRecords_AreScaledBySamplingRate()
    {
        // 10 flow samples a second at 1 in 1024 stand for about 10,240 packets a second.
        var incident = Assert.Single(Analyze(Flood(At(0), 10, 10, i =>
        {
            var p = Tcp(Target, TcpFlags.Syn, i);
            p.Record.SamplingRate = 1024;
            p.Record.Flags |= RecordFlags.FromFlow;
            return p;
        })));
        Assert.InRange(incident.PeakPps, 10_000, 10_500);
        Assert.InRange(incident.Packets, 90_000, 103_000);
        Assert.Equal("syn_flood", incident.Vectors[0].Name);
    }

    [Fact]
    public void Engine_BackgroundOnlyAcrossManyHosts_OpensNoIncident()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var incidents = Analyze(engine, Flood(At(0), 10, 100_000, i =>
            Tcp($"10.1.{i % 1000 / 250}.{i % 250}", (i & 1) == 0 ? TcpFlags.Ack : TcpFlags.Ack | TcpFlags.Psh, i, payload: (int)(i % 1400))));
        Assert.Empty(incidents);
        var hosts = engine.GetHostsSummary();
        Assert.InRange(hosts.Observed, 970, 1030);
        Assert.Equal(10, hosts.TopTargets.Count);
    }

    [Fact]
    public void Engine_SameInputTwice_GivesSameIncidentIds()
    {
        var a = Analyze(Syn(Target, 0, 5, 10_000));
        var b = Analyze(Syn(Target, 0, 5, 10_000));
        Assert.Equal(Assert.Single(a).Id, Assert.Single(b).Id);
        Assert.Matches("^[0-9a-f]{12}$", a[0].Id);
    }

    [Fact]
    public void Engine_AdvanceToWithoutTraffic_EndsIncidentAfterQuietPeriod()
    {
        var observer = new RecordingObserver();
        var engine = new DetectionEngine(new DetectionSettings(), observer);
        Feed(engine, Syn(Target, 0, 5, 10_000));
        Assert.DoesNotContain(observer.Events, e => e.Event == "ended");
        engine.AdvanceTo(At(30));
        Assert.Contains(observer.Events, e => e.Event == "ended");
    }

    [Fact]
    public void Engine_BitRateOverMbpsLimit_OpensWithMbpsReason()
    {
        var settings = new DetectionSettings { DefaultGroup = new HostGroup("default", new Thresholds { Pps = 100_000, Mbps = 40 }) };
        var incident = Assert.Single(Analyze(new DetectionEngine(settings),
            Flood(At(0), 6, 5_000, i => Udp(Target, i, 443, payloadLength: 1372))));
        Assert.StartsWith("mbps", incident.Reason, StringComparison.Ordinal);
        Assert.InRange(incident.PeakBps, 55e6, 57e6);
    }

    [Fact]
    public void Engine_ObserverDuringLongAttack_GetsAtMostOneUpdatePerSecond()
    {
        var observer = new RecordingObserver();
        var engine = new DetectionEngine(new DetectionSettings(), observer);
        Feed(engine, Syn(Target, 0, 30, 6_000));
        engine.Complete();
        var id = Assert.Single(engine.Incidents).Id;
        Assert.All(observer.Events, e => Assert.Equal(id, e.Id));
        Assert.Equal(["started", "ended"], observer.Events.Select(e => e.Event).Where(e => e != "updated"));
        Assert.InRange(observer.Events.Count(e => e.Event == "updated"), 25, 30);
    }
}
