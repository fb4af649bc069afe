using System.Buffers.Binary;
using Breakwater.Ingest;
using Breakwater.Wire;
using Breakwater.TestKit.Captures;
using Breakwater.TestKit.Sinks;
using Breakwater.TestKit.Streams;

namespace Breakwater.Ingest.Tests.Reading;

/// <summary>
/// The reader gives the same packets however the bytes arrive (one per read, a few per read, all at once), and a
/// file cut anywhere reads every whole packet before the cut, says it is truncated, and never throws.
/// </summary>
public sealed class CaptureFileReaderSplitTests
{
    public static TheoryData<string> Captures => ["ethernet.pcap", "ethernet-ns.pcapng", "sections.pcapng", "null.pcap"];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Read_BytesArriveInSmallChunks_SamePacketsAsWholeFile(string capture)
    {
        var bytes = CaptureFiles.Bytes(capture);
        var expected = Describe(CaptureFiles.ReadAll(bytes, capture));

        foreach (var chunk in new[] { 1, 2, 3, 5, 7, 16, 17, 100, 1000 })
        {
            using var reader = CaptureFileReader.Open(new ChunkedStream(bytes, chunk), capture);
            var actual = Describe(CaptureFiles.ReadAll(reader));
            Assert.Equal(expected, actual);
            Assert.False(reader.Stats.Truncated);
            Assert.Equal(bytes.Length, reader.Position);
        }
    }

    [Fact]
    public void Read_GzipArrivingOneBytePerRead_SamePacketsAsPlainFile()
    {
        var expected = Describe(CaptureFiles.ReadAll(CaptureFiles.Bytes("ethernet.pcap")));

        using var reader = CaptureFileReader.Open(new ChunkedStream(CaptureFiles.Bytes("ethernet.pcap.gz"), 1), "ethernet.pcap.gz");

        Assert.Equal(expected, Describe(CaptureFiles.ReadAll(reader)));
        Assert.True(reader.Compressed);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Read_EveryStrictPrefix_ReadsWholePacketsAndReportsTruncation(string capture)
    {
        var bytes = CaptureFiles.Bytes(capture);
        var full = CaptureFiles.ReadAll(bytes, capture);
        var boundaries = RecordEnds(bytes);

        for (var length = 1; length < bytes.Length; length++)
        {
            using var reader = CaptureFileReader.Open(bytes[..length], capture);
            var packets = CaptureFiles.ReadAll(reader);

            var whole = boundaries.Count(b => b.End <= length && b.IsPacket);
            Assert.Equal(whole, packets.Count);
            Assert.Equal(Describe(full.Take(whole).ToList()), Describe(packets));
            Assert.Equal(!boundaries.Any(b => b.End == length), reader.Stats.Truncated);
        }
    }

    [Fact]
    public void Read_TruncatedGzip_ReadsWhatDecompressesAndDoesNotThrow()
    {
        var bytes = CaptureFiles.Bytes("ethernet.pcap.gz");

        for (var length = bytes.Length / 3; length < bytes.Length; length += 37)
        {
            using var reader = CaptureFileReader.Open(bytes[..length], "cut.pcap.gz");
            var packets = CaptureFiles.ReadAll(reader);

            Assert.True(packets.Count < 23);
            Assert.True(reader.Stats.Truncated || packets.Count == 0);
        }
    }

    [Fact]
    public void Read_CaptureLargerThanBuffer_RecordsAcrossBufferBoundariesAllRead()
    {
        var builder = new TestKit.Captures.PcapFileBuilder(linkType: 101);
        var sizes = new List<int>();
        var total = 0;
        for (var i = 0; total < 3 * CaptureFileReader.BufferSize; i++)
        {
            // Sizes that do not divide the buffer, so records straddle every refill.
            var payload = 1 + (i * 7919 % 1400);
            builder.Add(TestKit.Captures.Frames.IPv4Udp(0x0A000001, 0x0A000002, (ushort)i, 53, payload), 1_700_000_000_000_000_000 + i);
            sizes.Add(payload);
            total += 16 + 28 + payload;
        }

        var packets = CaptureFiles.ReadAll(builder.ToArray());

        Assert.Equal(sizes.Count, packets.Count);
        Assert.All(packets, p => Assert.Equal(MalformedReason.None, p.Reason));
        Assert.Equal(sizes, packets.Select(p => (int)p.Record.PayloadLength));
        Assert.Equal(Enumerable.Range(0, sizes.Count).Select(i => (ushort)i), packets.Select(p => p.Record.SourcePort));
    }

    [Fact]
    public void Read_PcapngBlockLargerThanBuffer_BufferGrowsAndPacketsAfterItAreRead()
    {
        var frame = TestKit.Captures.Frames.IPv4Udp(0x0A000001, 0x0A000002, 1, 2, 10);
        var big = new byte[(3 * CaptureFileReader.BufferSize) + 3];
        var file = new TestKit.Captures.PcapngFileBuilder().Section().Interface(101)
            .Enhanced(0, 1, frame)
            .Block(0x0BAD, big)
            .Enhanced(0, 2, frame)
            .ToArray();

        using var reader = CaptureFileReader.Open(new ChunkedStream(file, 65536), "big.pcapng");
        var packets = CaptureFiles.ReadAll(reader);

        Assert.Equal(2, packets.Count);
        Assert.False(reader.Stats.Truncated);
    }

    private static List<string> Describe(List<DecodedPacket> packets) =>
        [.. packets.Select(p => $"{p.TimestampNanos} {p.FrameLength} {p.Reason} {p.Record.Source} {p.Record.Destination} {p.Record.Protocol} "
            + $"{p.Record.SourcePort} {p.Record.DestinationPort} {p.Record.Bytes} {p.Record.Flags} {Convert.ToHexString(p.Payload)}")];

    /// <summary>Where each header, record or block ends, and whether it holds a packet.</summary>
    private static List<(int End, bool IsPacket)> RecordEnds(byte[] file)
    {
        var ends = new List<(int, bool)>();
        if (PcapFile.IsMagic(file))
        {
            var bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(file) is not (PcapFile.MagicMicroseconds or PcapFile.MagicNanoseconds);
            ends.Add((24, false));
            for (var offset = 24; offset < file.Length;)
            {
                var captured = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
                offset += 16 + (int)captured;
                ends.Add((offset, true));
            }

            return ends;
        }

        for (var offset = 0; offset < file.Length;)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            ends.Add((offset, type is PcapngFile.EnhancedPacketType or PcapngFile.SimplePacketType));
        }

        return ends;
    }
}
