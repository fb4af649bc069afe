using BenchmarkDotNet.Attributes;
using Breakwater.Wire;

namespace Breakwater.Benchmarks.Wire;

/// <summary>ns per packet for <see cref="PacketDecoder.Decode"/> over a mix of frames (result per operation = one packet).</summary>
[MemoryDiagnoser]
public class PacketDecoderBenchmarks
{
    private const int FramesPerInvoke = 10_000;
    private byte[][] _frames = [];

    [GlobalSetup]
    public void Setup() => _frames = WireBenchmarkData.Frames;

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    public ulong DecodeMix()
    {
        var record = default(TrafficRecord);
        ulong sum = 0;
        var frames = _frames;
        for (var i = 0; i < FramesPerInvoke; i++)
        {
            PacketDecoder.Decode(LinkType.Ethernet, frames[i % frames.Length], ref record, out _);
            sum += record.Bytes;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    public ulong DecodeMinimumSizeUdp()
    {
        var record = default(TrafficRecord);
        ulong sum = 0;
        var frame = _frames[2];
        for (var i = 0; i < FramesPerInvoke; i++)
        {
            PacketDecoder.Decode(LinkType.Ethernet, frame, ref record, out _);
            sum += record.DestinationPort;
        }

        return sum;
    }
}
