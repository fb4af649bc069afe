using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

[Collection(nameof(ProcessWideMeasurementsCollection))]
public sealed class AllocationTests
{
    // Fully optimised from the first call: a tier-0 loop here would be replaced on the stack (OSR) while it measures, and
    // that compilation can allocate on this thread under load, which is the JIT's allocation, not the engine's.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long AllocatedFeeding(DetectionEngine engine, Packet template, long from, long count, long pps)
    {
        var record = template.Record;
        var payload = template.Payload;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = from; i < from + count; i++)
        {
            record.Source = RandomV4(i);
            record.TimestampNanos = T0 + (i * (Second / pps));
            engine.Add(ref record, payload);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Add_TrackedTargetBelowThreshold_AllocatesNothingPerRecord()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var template = Tcp("198.51.100.7", TcpFlags.Ack | TcpFlags.Psh, 0, payload: 300);
        AllocatedFeeding(engine, template, 0, 10_000, 1_000);
        Assert.Equal(0, AllocatedFeeding(engine, template, 10_000, 100_000, 1_000));
        Assert.Empty(engine.Incidents);
    }

    [Fact]
    public void Add_TargetUnderOngoingAttack_AllocatesNothingPerRecord()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var template = Tcp("198.51.100.7", TcpFlags.Syn, 0);
        AllocatedFeeding(engine, template, 0, 50_000, 10_000);
        Assert.Single(engine.Incidents);
        Assert.Equal(0, AllocatedFeeding(engine, template, 50_000, 100_000, 10_000));
    }

    [Fact]
    public void Add_CarpetBombingWithPrefixIncidentOpen_AllocatesNothingPerRecord()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var record = Udp("203.0.113.1", 0, 80).Record;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        long Feed(long from, long count)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = from; i < from + count; i++)
            {
                record.Source = RandomV4(i);
                record.Destination = Breakwater.Wire.NetAddress.FromV4(0xCB007100u + 1 + (uint)(i % 254));
                record.TimestampNanos = T0 + (i * (Second / 25_000));
                engine.Add(ref record, []);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // A quiet first second, so the prefix's normal load is known and the carpet is judged at once.
        var first = record;
        first.TimestampNanos = T0;
        engine.Add(ref first, []);
        Feed(50_000, 125_000);
        Assert.Equal("203.0.113.0/24", Assert.Single(engine.Incidents).Target);
        Assert.Equal(0, Feed(175_000, 100_000));
    }

    [Fact]
    public void Add_SampledTargetUnderAttack_AllocatesNothingPerRecord()
    {
        var engine = new DetectionEngine(new DetectionSettings());
        var template = Tcp("198.51.100.7", TcpFlags.Syn, 0);
        template.Record.SamplingRate = 1024;
        AllocatedFeeding(engine, template, 0, 2_000, 50);
        Assert.Single(engine.Incidents);
        Assert.Equal(0, AllocatedFeeding(engine, template, 2_000, 20_000, 50));
    }
}
