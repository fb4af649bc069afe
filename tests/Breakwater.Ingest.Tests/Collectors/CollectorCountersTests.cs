using Breakwater.Ingest.Collectors;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Tests.Collectors;

/// <summary>
/// The counters a listener touches for every datagram, also when the queue is full: exact under concurrency, bounded
/// in exporters, and free of allocation so that a drop storm does not become a garbage-collection storm.
/// </summary>
public sealed class CollectorCountersTests
{
    [Fact]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void QueueFullStorm_FromKnownExporters_AllocatesNothing()
    {
        var counters = new CollectorCounters("netflow");
        var exporters = Enumerable.Range(1, 16).Select(i => NetAddress.Parse($"192.0.2.{i}")).ToArray();
        foreach (var exporter in exporters)
        {
            counters.CountDatagram(exporter);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200_000; i++)
        {
            counters.CountDatagram(exporters[i & 15]);
            counters.CountDrop(CollectorDrop.QueueFull);
            counters.CountDrop(FlowDropReason.TemplateMissing);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(200_016, counters.Datagrams);
        Assert.Equal(200_000, counters.Drops["queue_full"]);
        Assert.Equal(200_000, counters.Drops["template_missing"]);
    }

    [Fact]
    public async Task CountFromTwoThreads_TotalsAreExact()
    {
        var counters = new CollectorCounters("sflow");
        var a = NetAddress.Parse("192.0.2.1");
        var b = NetAddress.Parse("2001:db8::1");

        void Storm(NetAddress exporter)
        {
            for (var i = 0; i < 100_000; i++)
            {
                counters.CountDatagram(exporter);
                counters.CountDatagram(a);
                counters.CountDrop(CollectorDrop.QueueFull);
            }
        }

        await Task.WhenAll(Task.Run(() => Storm(a), TestContext.Current.CancellationToken), Task.Run(() => Storm(b), TestContext.Current.CancellationToken));

        Assert.Equal(400_000, counters.Datagrams);
        Assert.Equal(300_000, counters.Exporters[a]);
        Assert.Equal(100_000, counters.Exporters[b]);
        Assert.Equal(200_000, counters.Drops["queue_full"]);
    }

    [Fact]
    public void NewExporters_PastTheLimit_AreCountedAsExporterLimit()
    {
        var counters = new CollectorCounters("netflow");
        for (var i = 0; i < 70_000; i++)
        {
            counters.CountDatagram(NetAddress.FromV4((uint)(0x0A000000 + i)));
        }

        Assert.Equal(65_536, counters.Exporters.Count);
        Assert.Equal(70_000 - 65_536, counters.Drops["exporter_limit"]);
        Assert.Equal(70_000, counters.Datagrams);
    }

    [Fact]
    public void Drops_NeverSeenReasons_AreLeftOut()
    {
        var counters = new CollectorCounters("pcap");
        counters.CountDrop(CollectorDrop.FrameTooLarge, 3);

        Assert.Equal(new Dictionary<string, long> { ["frame_too_large"] = 3 }, counters.Drops);
    }
}
