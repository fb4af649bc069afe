using Breakwater.Ingest.Flows;
using Breakwater.TestKit.Frames;
using Breakwater.Wire;
using Breakwater.Wire.Flows;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Ingest.Tests.Flows;

/// <summary>What the exporters of <c>simulate --export</c> write, our decoders read back unchanged (nfdump checks them independently).</summary>
public sealed class FlowEncoderRoundTripTests
{
    private const long ExportMs = 1_741_600_000_500;
    private const long BootMs = ExportMs - 3_600_000;
    private static readonly NetAddress Exporter = NetAddress.Parse("127.0.0.1");

    private static FlowExportRecord[] Flows() =>
    [
        new() { Source = NetAddress.Parse("203.0.113.9"), Destination = NetAddress.Parse("198.51.100.7"), SourcePort = 40000, DestinationPort = 80,
            Protocol = 6, TcpFlags = TcpFlags.Syn, Packets = 1200, Bytes = 72_000, FirstMs = ExportMs - 2000, LastMs = ExportMs - 1000 },
        new() { Source = NetAddress.Parse("2001:db8::9"), Destination = NetAddress.Parse("2001:db8:1::7"), SourcePort = 123, DestinationPort = 5555,
            Protocol = 17, Packets = 30, Bytes = 14_040, FirstMs = ExportMs - 1500, LastMs = ExportMs - 250 },
        new() { Source = NetAddress.Parse("192.0.2.1"), Destination = NetAddress.Parse("198.51.100.8"), Protocol = 1, Packets = 5, Bytes = 420,
            FirstMs = ExportMs - 900, LastMs = ExportMs - 100 },
    ];

    [Theory]
    [InlineData(false, 1u)]
    [InlineData(true, 1u)]
    [InlineData(false, 1024u)]
    [InlineData(true, 1024u)]
    public void TemplateEncoder_RoundTrip_KeepsEveryField(bool ipfix, uint samplingRate)
    {
        var encoder = new TemplateFlowEncoder(ipfix, domain: 7);
        var buffer = new byte[1500];
        var flows = Flows();
        var length = encoder.Write(buffer, flows, ExportMs, BootMs, 1, samplingRate, includeTemplates: true, out var used);
        var sink = new CollectingSink();

        var result = ipfix
            ? IpfixDecoder.Decode(buffer.AsSpan(0, length), Exporter, ExportMs * 1_000_000, new FlowTemplateCache(), ref sink)
            : NetFlowV9Decoder.Decode(buffer.AsSpan(0, length), Exporter, ExportMs * 1_000_000, new FlowTemplateCache(), ref sink);

        Assert.Equal(3, used);
        Assert.Equal(new FlowDecodeResult(3, FlowDropReason.None), result);
        for (var i = 0; i < flows.Length; i++)
        {
            var r = sink.Records[i];
            Assert.Equal(flows[i].Source, r.Source);
            Assert.Equal(flows[i].Destination, r.Destination);
            Assert.Equal(flows[i].SourcePort, r.SourcePort);
            Assert.Equal(flows[i].DestinationPort, r.DestinationPort);
            Assert.Equal(flows[i].Protocol, r.Protocol);
            Assert.Equal(flows[i].TcpFlags, r.TcpFlags);
            Assert.Equal(flows[i].Packets, r.Packets);
            Assert.Equal(flows[i].Bytes, r.Bytes);
            Assert.Equal(samplingRate, r.SamplingRate);
            Assert.Equal(flows[i].LastMs * 1_000_000, r.TimestampNanos);
        }
    }

    [Fact]
    public void NetFlowV5Encoder_RoundTrip_KeepsIPv4FlowsAndSampling()
    {
        var buffer = new byte[NetFlowV5Encoder.MaxDatagramLength];
        var flows = Flows();
        var length = NetFlowV5Encoder.Write(buffer, flows.AsSpan(0, 1), ExportMs, BootMs, 9, 100, out var used);
        var sink = new CollectingSink();

        NetFlowV5Decoder.Decode(buffer.AsSpan(0, length), ref sink);

        Assert.Equal(1, used);
        var r = Assert.Single(sink.Records);
        Assert.Equal(flows[0].Destination, r.Destination);
        Assert.Equal(flows[0].Packets, r.Packets);
        Assert.Equal(100u, r.SamplingRate);
        Assert.Equal(flows[0].LastMs * 1_000_000, r.TimestampNanos);
    }

    [Fact]
    public void TemplateEncoder_SmallBuffer_StopsAtARecordBoundary()
    {
        var encoder = new TemplateFlowEncoder(ipfix: true, domain: 1);
        var buffer = new byte[200];
        var flows = Enumerable.Repeat(Flows()[0], 50).ToArray();

        var length = encoder.Write(buffer, flows, ExportMs, BootMs, 1, 1, includeTemplates: false, out var used);
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();
        var templates = new byte[1500];
        var templateLength = new TemplateFlowEncoder(ipfix: true, domain: 1).Write(templates, [], ExportMs, BootMs, 0, 1, includeTemplates: true, out _);
        IpfixDecoder.Decode(templates.AsSpan(0, templateLength), Exporter, 0, cache, ref sink);
        IpfixDecoder.Decode(buffer.AsSpan(0, length), Exporter, 0, cache, ref sink);

        Assert.InRange(used, 1, 49);
        Assert.Equal(used, sink.Records.Count);
    }
}
