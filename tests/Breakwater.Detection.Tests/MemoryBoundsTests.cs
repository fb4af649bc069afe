using Breakwater.Core;
using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

[Collection(nameof(ProcessWideMeasurementsCollection))]
public sealed class MemoryBoundsTests
{
    [Fact]
    public void Add_TenMillionRandomSources_EstimatesUniqueSourcesWithin3PercentInBoundedMemory()
    {
        const long Count = 10_000_000;
        var before = GC.GetTotalMemory(true);
        var engine = new DetectionEngine(new DetectionSettings());
        var record = Tcp("198.51.100.7", TcpFlags.Syn, 0).Record;
        var payload = Array.Empty<byte>();
        for (long i = 0; i < Count; i++)
        {
            record.Source = RandomV4(i);
            record.SourcePort = (ushort)i;
            record.TimestampNanos = T0 + (i * 10_000);
            engine.Add(ref record, payload);
        }

        var during = GC.GetTotalMemory(true);
        engine.Complete();
        var incident = Assert.Single(engine.Incidents);
        Assert.InRange(incident.UniqueSources, Count * 0.97, Count * 1.03);
        Assert.True(incident.SpoofedSourcesLikely);
        Assert.Equal(Count, incident.Packets);
        Assert.True(during - before < 100L * 1024 * 1024, $"memory grew by {(during - before) / 1024 / 1024} MiB");
        // Free heap space that earlier tests in this process left committed is not this engine's memory: give it back first.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Assert.True(Environment.WorkingSet < 512L * 1024 * 1024, $"process RSS {Environment.WorkingSet / 1024 / 1024} MiB");
        GC.KeepAlive(engine);
    }

    [Fact]
    public void Add_OneMillionRandomDestinations_TableStaysAtCapacity()
    {
        var engine = new DetectionEngine(new DetectionSettings { MaxTrackedTargets = 65_536 });
        var record = Udp("198.51.100.7", 0, 53).Record;
        var payload = Array.Empty<byte>();
        for (long i = 0; i < 1_000_000; i++)
        {
            record.Destination = RandomV4(i + 77);
            record.TimestampNanos = T0 + (i * 10_000);
            engine.Add(ref record, payload);
            Assert.True(engine.TrackedTargets <= 65_536);
        }

        engine.Complete();
        Assert.Equal(65_536, engine.TrackedTargets);
        Assert.Empty(engine.Incidents);
        Assert.InRange(engine.GetHostsSummary().Observed, 970_000, 1_030_000);
    }

    [Fact]
    public void Add_FloodTargetAmongDestinationSpray_SurvivesEvictionAndIsDetected()
    {
        var engine = new DetectionEngine(new DetectionSettings { MaxTrackedTargets = 1_024 });
        var incidents = Analyze(engine,
            Flood(At(0), 10, 50_000, i => Udp(RandomV4(i + 5).ToString(), i, 53)),
            Flood(At(0), 10, 10_000, i => Tcp("198.51.100.7", TcpFlags.Syn, i)));
        Assert.Equal("198.51.100.7", Assert.Single(incidents).Target);
        Assert.True(engine.TrackedTargets <= 1_024);
    }

    [Fact]
    public void Add_MoreSimultaneousAttacksThanAnalysers_OpensEveryIncidentWithinBounds()
    {
        var settings = new DetectionSettings { DefaultGroup = new("default", new Breakwater.Core.Thresholds { Pps = 100 }) };
        var engine = new DetectionEngine(settings);
        var incidents = Analyze(engine, Flood(At(0), 4, 300_000, i => Tcp($"10.{i % 1500 / 250}.0.{i % 250}", TcpFlags.Syn, i)));
        Assert.Equal(1500, incidents.Count);
        Assert.All(incidents, i => Assert.Equal("ended", i.Status));
        Assert.True(incidents.Count(i => i.Vectors.Count > 0) >= DetectionEngine.MaxTrackers);
        Assert.All(incidents.Where(i => i.Vectors.Count == 0), i => Assert.Contains(i.Notes, n => n.StartsWith("no per-packet analysis", StringComparison.Ordinal)));
    }
}
