using BenchmarkDotNet.Attributes;
using Breakwater.TestKit.Captures;
using Breakwater.Wire;
using Breakwater.Ingest.Flows;
using Breakwater.Wire.Flows;

namespace Breakwater.Benchmarks.Wire;

/// <summary>
/// ns per flow record for the flow decoders (one operation = one record): NetFlow v9 and IPFIX data sets through a
/// cached template, sFlow flow samples whose raw headers go through the packet decoder.
/// </summary>
[MemoryDiagnoser]
public class FlowDecoderBenchmarks
{
    private const int Datagrams = 1_000;
    private static readonly NetAddress Exporter = NetAddress.Parse("192.0.2.1");
    private readonly FlowTemplateCache _cache = new();
    private byte[] _v9 = [];
    private byte[] _ipfix = [];
    private byte[] _sflow = [];
    private int _v9Records;
    private int _ipfixRecords;
    private int _sflowRecords;

    [GlobalSetup]
    public void Setup()
    {
        var flows = Enumerable.Range(0, 64).Select(i => new FlowExportRecord
        {
            Source = NetAddress.FromV4(0xC0000200u + (uint)i), Destination = NetAddress.FromV4(0xC6336407), SourcePort = (ushort)(1000 + i),
            DestinationPort = 443, Protocol = 6, TcpFlags = TcpFlags.Syn, Packets = 3, Bytes = 180, FirstMs = 1_741_600_000_000, LastMs = 1_741_600_000_500,
        }).ToArray();
        (_v9, _v9Records) = Encode(false, flows);
        (_ipfix, _ipfixRecords) = Encode(true, flows);

        var buffer = new byte[1400];
        var writer = new SFlowDatagramWriter(buffer, Exporter, 0, 1, 1);
        var frame = Frames.Ethernet(Frames.IPv4Tcp(0xC0000201, 0xC6336407, 40000, 443, 0x02, 0, optionsLength: 20));
        while (writer.TryAddFlowSample(1, 1, 1024, 1, 0, 1, 2, frame, (uint)frame.Length))
        {
        }

        _sflowRecords = writer.Samples;
        _sflow = buffer.AsSpan(0, writer.Finish()).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Datagrams * 20)]
    public long NetFlowV9() => Run(_v9, _v9Records, (d, ref s) => NetFlowV9Decoder.Decode(d, Exporter, 0, _cache, ref s));

    [Benchmark(OperationsPerInvoke = Datagrams * 20)]
    public long Ipfix() => Run(_ipfix, _ipfixRecords, (d, ref s) => IpfixDecoder.Decode(d, Exporter, 0, _cache, ref s));

    [Benchmark(OperationsPerInvoke = Datagrams * 7)]
    public long SFlowRawHeaders()
    {
        var sink = new CountingSink();
        for (var i = 0; i < Datagrams; i++)
        {
            SFlowV5Decoder.Decode(_sflow, 0, ref sink, out _);
        }

        return sink.Records;
    }

    private delegate FlowDecodeResult Decoder(ReadOnlySpan<byte> datagram, ref CountingSink sink);

    private static long Run(byte[] datagram, int records, Decoder decode)
    {
        var sink = new CountingSink();
        for (var i = 0; i < Datagrams; i++)
        {
            decode(datagram, ref sink);
        }

        return sink.Records + records;
    }

    private (byte[] Datagram, int Records) Encode(bool ipfix, FlowExportRecord[] flows)
    {
        var buffer = new byte[1400];
        var templates = new byte[1400];
        var encoder = new TemplateFlowEncoder(ipfix, 1);
        var length = encoder.Write(templates, [], 1_741_600_000_000, 1_741_500_000_000, 0, 1, includeTemplates: true, out _);
        var sink = new CountingSink();
        if (ipfix)
        {
            IpfixDecoder.Decode(templates.AsSpan(0, length), Exporter, 0, _cache, ref sink);
        }
        else
        {
            NetFlowV9Decoder.Decode(templates.AsSpan(0, length), Exporter, 0, _cache, ref sink);
        }

        length = encoder.Write(buffer, flows.AsSpan(0, 20), 1_741_600_000_000, 1_741_500_000_000, 1, 1, includeTemplates: false, out var used);
        return (buffer.AsSpan(0, length).ToArray(), used);
    }

    private struct CountingSink : ITrafficSink
    {
        public long Records;

        public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload) => Records++;

        public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength)
        {
        }
    }
}
