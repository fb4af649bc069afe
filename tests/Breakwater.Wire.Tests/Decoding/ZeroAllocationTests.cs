using Breakwater.Ingest;
using Breakwater.TestKit.Captures;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Wire.Tests.Decoding;

/// <summary>The packet path allocates nothing: decoding and reading cost no garbage per packet.</summary>
public sealed class ZeroAllocationTests
{
    [Fact]
    public void Decode_100kFrames_AllocatesNothing()
    {
        var frames = ReferenceFrames();
        var record = default(TrafficRecord);
        ulong bytes = 0;
        foreach (var frame in frames)
        {
            PacketDecoder.Decode(LinkType.Ethernet, frame, ref record, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            PacketDecoder.Decode(LinkType.Ethernet, frames[i % frames.Count], ref record, out var payload);
            bytes += record.Bytes + (ulong)payload.Length;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(bytes > 0);
    }

    [Fact]
    public void Read_InMemoryPcap_AllocatesNothingPerPacket()
    {
        var builder = new PcapFileBuilder();
        var frames = ReferenceFrames();
        for (var i = 0; i < 100_000; i++)
        {
            builder.Add(frames[i % frames.Count], 1_741_615_200_000_000_000 + (i * 1000L));
        }

        var pcap = builder.ToArray();
        using var reader = CaptureFileReader.Open(pcap);
        var sink = new CountingSink();
        reader.Read(ref sink, 1000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.Read(ref sink, 10_000))
        {
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100_000, reader.Stats.Packets);
    }

    private static List<byte[]> ReferenceFrames()
    {
        var capture = CaptureFiles.Bytes("ethernet.pcap");
        var frames = new List<byte[]>();
        for (var offset = 24; offset < capture.Length;)
        {
            var length = BitConverter.ToInt32(capture, offset + 8);
            frames.Add(capture[(offset + 16)..(offset + 16 + length)]);
            offset += 16 + length;
        }

        return frames;
    }
}
