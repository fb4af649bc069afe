using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection.Tests;

/// <summary>
/// Pre-trigger context is kept per target: a victim's records from before its flood reach its incident's evidence even
/// when a much busier neighbour (below its own limit) sends many times the records a shared ring could hold meanwhile.
/// </summary>
public sealed class PreTriggerContextTests
{
    private static readonly NetAddress EarlyProbe = NetAddress.Parse("192.0.2.99");

    [Fact]
    public void Ring_KeepsEachTargetsOwnRecords_WhateverTheOthersSend()
    {
        var ring = new PreTriggerRing(1, 1024);
        var victim = PacketFactory.Udp("198.51.100.7", 1, 53, source: EarlyProbe);
        for (var i = 0; i < 10; i++)
        {
            ring.Add(5, i, ref victim.Record, 1, 100);
        }

        for (var i = 0; i < 100_000; i++)
        {
            var other = PacketFactory.Udp("198.51.100.8", i, 443);
            ring.Add(6, i / 10, ref other.Record, 1, 100);
        }

        var recorder = new ForensicRecorder();
        Assert.Equal(10, ring.Replay(NetAddress.Parse("198.51.100.7"), recorder));
        Assert.Equal(PreTriggerRing.PerRing, ring.Replay(NetAddress.Parse("198.51.100.8"), new ForensicRecorder()));
        Assert.Equal(0, ring.Replay(NetAddress.Parse("198.51.100.9"), new ForensicRecorder()));
    }

    [Fact]
    public void Engine_BusyTargetWithoutAnalyser_KeepsSixteenRecordsASecond()
    {
        var settings = new DetectionSettings { DefaultGroup = new HostGroup("default", new Thresholds { Pps = 40_000, Mbps = 100_000 }) };
        var engine = new DetectionEngine(settings);
        var probe = Traffic.Flood(Traffic.T0, 3, 50, i => PacketFactory.Udp("198.51.100.7", i, 53, source: EarlyProbe));
        Traffic.Feed(engine, probe);
        var ring = (PreTriggerRing)typeof(DetectionEngine).GetField("_recent", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(engine)!;
        // 50 a second for 3 s: from the 16th packet of each second on (busy), at most 16 a second.
        Assert.Equal(3 * PreTriggerRing.PerSecond, ring.Replay(NetAddress.Parse("198.51.100.7"), new ForensicRecorder()));
    }

    [Fact]
    public void Incident_EvidenceHoldsItsOwnTargetsPreTriggerRecords_DespiteBusyNeighbour()
    {
        var settings = new DetectionSettings { DefaultGroup = new HostGroup("default", new Thresholds { Pps = 40_000, Mbps = 100_000 }) };
        var engine = new DetectionEngine(settings);
        const long second = Traffic.Second;
        // The victim: 50 pps from one probing source for 3 s (busy enough to be kept), 2 s of nothing, then a SYN flood.
        var probe = Traffic.Flood(Traffic.T0, 3, 50, i => PacketFactory.Udp("198.51.100.7", i, 53, source: EarlyProbe));
        var flood = Traffic.Flood(Traffic.T0 + (5 * second), 4, 60_000, i => PacketFactory.Tcp("198.51.100.7", TcpFlags.Syn, i));
        // The neighbour: 15,000 pps for 6 s, under its release level (20,000) the whole time: 90,000 records.
        var neighbour = Traffic.Flood(Traffic.T0, 6, 15_000, i => PacketFactory.Udp("198.51.100.8", i, 443));

        var incidents = Traffic.AnalyzeMerged(engine, probe, flood, neighbour);

        var victim = Assert.Single(incidents, i => i.Target == "198.51.100.7");
        // The flood began at T0 + 5 s; the timeline starts in the probing seconds, from the victim's own kept records.
        Assert.True(victim.Evidence!.Timeline!.Start < DateTimeOffset.FromUnixTimeSeconds((Traffic.T0 / second) + 3),
            $"timeline starts at {victim.Evidence.Timeline.Start:O}; start {victim.Start:O} detected {victim.Detected:O}; series "
            + string.Join("; ", victim.Evidence.Timeline.Series.Select(x => x.Vector + ":" + string.Join(",", x.Packets.Take(8))))
            + $"; sources {victim.Evidence.Sources.Count}; packets {victim.Evidence.Packets}");
        Assert.DoesNotContain(incidents, i => i.Target == "198.51.100.8");
    }
}
