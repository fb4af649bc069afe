using Breakwater.TestKit.Captures;
using System.Net;
using System.Net.Sockets;
using Breakwater.IntegrationTests.Support;
using Breakwater.Simulation.Export;
using Breakwater.Wire;
using Breakwater.Ingest.Flows;
using Breakwater.Wire.Flows;

namespace Breakwater.IntegrationTests.Export;

/// <summary>The exporters behind <c>simulate --export</c>: what they send adds up to the frames they were given.</summary>
public sealed class FlowExportSinkTests
{
    private const int FrameCount = 20_000;

    [Theory]
    [InlineData(ExportFormat.NetFlow5, 1u)]
    [InlineData(ExportFormat.NetFlow9, 1u)]
    [InlineData(ExportFormat.Ipfix, 1u)]
    [InlineData(ExportFormat.SFlow, 1u)]
    [InlineData(ExportFormat.SFlow, 64u)]
    [InlineData(ExportFormat.Ipfix, 16u)]
    public async Task Export_Frames_DecodeToTheSameTotals(ExportFormat format, uint samplingRate)
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.Client.ReceiveBufferSize = 16 << 20;
        var endpoint = (IPEndPoint)receiver.Client.LocalEndPoint!;
        var options = new ExportOptions(format, endpoint) { RecordsPerSecond = 2_000_000, SamplingRate = samplingRate };
        var frames = Enumerable.Range(0, 50).Select(i => Frames.Ethernet(Frames.IPv4Udp(0xC0000201u + (uint)i, 0xC6336407, (ushort)(1000 + i), 53, 100))).ToArray();
        using (var sink = new FlowExportSink(options, LinkType.Ethernet, seed: 5))
        {
            for (var i = 0; i < FrameCount; i++)
            {
                sink.Write(1_741_600_000_000_000_000 + (i * 50_000L), frames[i % frames.Length]);
            }
        }

        var packets = 0L;
        var bytes = 0L;
        var cache = new FlowTemplateCache();
        while (receiver.Available > 0)
        {
            var datagram = await receiver.ReceiveAsync(ct);
            var sink = new TotalsSink();
            var exporter = NetAddress.FromIPAddress(datagram.RemoteEndPoint.Address);
            _ = format switch
            {
                ExportFormat.SFlow => SFlowV5Decoder.Decode(datagram.Buffer, 0, ref sink, out _),
                ExportFormat.NetFlow5 => NetFlowV5Decoder.Decode(datagram.Buffer, ref sink),
                ExportFormat.NetFlow9 => NetFlowV9Decoder.Decode(datagram.Buffer, exporter, 0, cache, ref sink),
                _ => IpfixDecoder.Decode(datagram.Buffer, exporter, 0, cache, ref sink),
            };
            packets += sink.Packets;
            bytes += sink.Bytes;
        }

        if (samplingRate == 1)
        {
            Assert.Equal(FrameCount, packets);
            Assert.Equal(FrameCount * 128L, bytes);
        }
        else
        {
            var tolerance = 4 * Math.Sqrt(FrameCount * (samplingRate - 1.0));
            Assert.InRange(packets, FrameCount - tolerance, FrameCount + tolerance);
        }
    }

    [Fact]
    public void Export_WithRate_PacesRecords()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var options = new ExportOptions(ExportFormat.SFlow, (IPEndPoint)receiver.Client.LocalEndPoint!) { RecordsPerSecond = 7_000 };
        var frame = Frames.Ethernet(Frames.IPv4Udp(0xC0000201u, 0xC6336407, 1000, 53, 100));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var sink = new FlowExportSink(options, LinkType.Ethernet, seed: 1))
        {
            for (var i = 0; i < 3_500; i++)
            {
                sink.Write(i, frame);
            }
        }

        // 3,500 records at 7,000 per second: about half a second, not as fast as the loop can go.
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.4, 3);
    }

    private struct TotalsSink : ITrafficSink
    {
        public long Packets;
        public long Bytes;

        public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
        {
            Packets += (long)record.ScaledPackets;
            Bytes += (long)record.ScaledBytes;
        }

        public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength)
        {
        }
    }
}
