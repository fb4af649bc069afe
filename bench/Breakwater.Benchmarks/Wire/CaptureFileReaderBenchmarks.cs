using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Breakwater.Ingest;
using Breakwater.Wire;

namespace Breakwater.Benchmarks.Wire;

/// <summary>
/// Packets per second for <see cref="CaptureFileReader"/> over an in-memory 100k-packet pcap (framing + decode, no-op sink).
/// One operation is one packet, so the reported throughput is packets/s. The file variants read a temporary file
/// (from the page cache after the first iteration), plain and gzip-compressed.
/// </summary>
[MemoryDiagnoser]
public class CaptureFileReaderBenchmarks
{
    private const int Packets = 100_000;
    private byte[] _pcap = [];
    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        _pcap = WireBenchmarkData.Pcap(Packets);
        _directory = Directory.CreateTempSubdirectory("bw-bench-").FullName;
        File.WriteAllBytes(Path.Combine(_directory, "bench.pcap"), _pcap);
        using var gz = new GZipStream(File.Create(Path.Combine(_directory, "bench.pcap.gz")), CompressionLevel.Fastest);
        gz.Write(_pcap);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(OperationsPerInvoke = Packets, Baseline = true)]
    public long ReadPcapInMemory() => Drain(CaptureFileReader.Open(_pcap));

    [Benchmark(OperationsPerInvoke = Packets)]
    public long ReadPcapFile() => Drain(CaptureFileReader.Open(Path.Combine(_directory, "bench.pcap")));

    [Benchmark(OperationsPerInvoke = Packets)]
    public long ReadPcapGzipFile() => Drain(CaptureFileReader.Open(Path.Combine(_directory, "bench.pcap.gz")));

    private static long Drain(CaptureFileReader reader)
    {
        using (reader)
        {
            var sink = default(NoOpSink);
            while (reader.Read(ref sink))
            {
            }

            return reader.Stats.Packets;
        }
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
