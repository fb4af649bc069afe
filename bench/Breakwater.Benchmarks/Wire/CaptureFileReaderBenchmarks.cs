using BenchmarkDotNet.Attributes;
using Breakwater.Ingest;
using Breakwater.Wire;

namespace Breakwater.Benchmarks.Wire;

/// <summary>
/// Packets per second for <see cref="CaptureFileReader"/> over an in-memory 100k-packet pcap (framing + decode, no-op sink).
/// One operation is one packet, so the reported throughput is packets/s.
/// </summary>
[MemoryDiagnoser]
public class CaptureFileReaderBenchmarks
{
    private const int Packets = 100_000;
    private byte[] _pcap = [];

    [GlobalSetup]
    public void Setup() => _pcap = WireBenchmarkData.Pcap(Packets);

    [Benchmark(OperationsPerInvoke = Packets)]
    public long ReadPcap()
    {
        using var reader = CaptureFileReader.Open(_pcap);
        var sink = default(NoOpSink);
        while (reader.Read(ref sink))
        {
        }

        return reader.Stats.Packets;
    }

    private struct NoOpSink : ITrafficSink
    {
        public readonly void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
        {
        }

        public readonly void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength)
        {
        }
    }
}
