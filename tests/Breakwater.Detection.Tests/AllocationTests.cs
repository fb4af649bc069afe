using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

public sealed class AllocationTests
{
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
}
