using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Breakwater.Ingest.Collectors;
using Breakwater.Wire;

namespace Breakwater.IntegrationTests.Collectors;

/// <summary>The UDP listener over real loopback sockets: what it queues, and what it counts when it cannot.</summary>
public sealed class UdpCollectorTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Receive_Datagrams_AreQueuedWithTheirExporter(string loopback)
    {
        var address = IPAddress.Parse(loopback);
        var queue = Channel.CreateBounded<ReceivedDatagram>(16);
        var counters = new CollectorCounters("sflow");
        using var collector = new UdpCollector(FlowProtocol.SFlow, new IPEndPoint(address, 0), queue.Writer, new DatagramPool(8), counters);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = collector.RunAsync(cts.Token);
        using var sender = new UdpClient(address.AddressFamily);

        await sender.SendAsync(new byte[] { 1, 2, 3 }, collector.LocalEndPoint, TestContext.Current.CancellationToken);
        var datagram = await queue.Reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], datagram.Span.ToArray());
        Assert.Equal(NetAddress.FromIPAddress(address), datagram.Exporter);
        Assert.Equal(FlowProtocol.SFlow, datagram.Protocol);
        Assert.Equal(1, counters.Datagrams);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Receive_QueueFull_CountsDropsAndKeepsMemoryBounded()
    {
        var queue = Channel.CreateBounded<ReceivedDatagram>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.Wait });
        var counters = new CollectorCounters("netflow");
        var pool = new DatagramPool(4);
        using var collector = new UdpCollector(FlowProtocol.NetFlow, new IPEndPoint(IPAddress.Loopback, 0), queue.Writer, pool, counters);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = collector.RunAsync(cts.Token);
        using var sender = new UdpClient(AddressFamily.InterNetwork);

        for (var i = 0; i < 50; i++)
        {
            await sender.SendAsync(new byte[100], collector.LocalEndPoint, TestContext.Current.CancellationToken);
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (counters.Datagrams < 50 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(50, counters.Datagrams);
        Assert.Equal(2, queue.Reader.Count);
        Assert.Equal(48, counters.Drops.Values.Sum());
        Assert.True(pool.Available >= 1, "buffers of dropped datagrams go back to the pool");
        await cts.CancelAsync();
        await run;
    }
}
