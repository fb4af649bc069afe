using Breakwater.Ingest;
using Breakwater.Wire;
using Breakwater.TestKit.Captures;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Ingest.Tests.Reading;

/// <summary>Files that are not captures fail at open with one clear sentence; damaged captures are counted, not thrown.</summary>
public sealed class CaptureFileReaderErrorTests
{
    private static readonly byte[] s_udp = Frames.IPv4Udp(0xC0000201, 0xC6336407, 1000, 53, 20);

    [Fact]
    public void Open_TextFile_OneSentenceNamingFileAndMagic()
    {
        var path = TempFile("notes.txt", "Hello, this is not a capture."u8.ToArray());

        var error = Assert.Throws<CaptureFormatException>(() => CaptureFileReader.Open(path));

        Assert.Equal(
            "notes.txt is not a pcap or pcapng file: it starts with 0x48656c6c, expected a pcap magic (a1b2c3d4, a1b23c4d) or a pcapng section header (0a0d0d0a).",
            error.Message);
    }

    [Fact]
    public void Open_GzipOfText_SaysItDecompressesToSomethingElse()
    {
        using var gz = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write("Hello there"u8);
        }

        var error = Assert.Throws<CaptureFormatException>(() => CaptureFileReader.Open(gz.ToArray(), "notes.gz"));

        Assert.Contains("notes.gz decompresses to something that is not a pcap or pcapng file", error.Message);
        Assert.Contains("0x48656c6c", error.Message);
    }

    [Fact]
    public void Open_EmptyFile_Throws()
    {
        var path = TempFile("empty.pcap", []);

        var error = Assert.Throws<CaptureFormatException>(() => CaptureFileReader.Open(path));

        Assert.Contains("empty.pcap is empty", error.Message);
    }

    [Fact]
    public void Open_UnknownPcapLinkType_NamesNumberNameAndFile()
    {
        var pcap = new PcapFileBuilder(linkType: 147).Add(new byte[60], 1).ToArray();

        var error = Assert.Throws<CaptureFormatException>(() => CaptureFileReader.Open(pcap, "odd.pcap"));

        Assert.StartsWith("odd.pcap uses link type 147 (USER0), which Breakwater cannot decode", error.Message);
    }

    [Fact]
    public void Open_PcapngWhoseOnlyInterfaceIsUnsupported_NamesLinkType()
    {
        var pcapng = new PcapngFileBuilder().Section().Interface(189).Enhanced(0, 1, new byte[40]).ToArray();

        var error = Assert.Throws<CaptureFormatException>(() => CaptureFileReader.Open(pcapng, "usb.pcapng"));

        Assert.Contains("usb.pcapng uses link type 189 (USB_LINUX)", error.Message);
    }

    [Fact]
    public void Read_PcapngPacketOnUnsupportedSecondInterface_CountedMalformed()
    {
        var pcapng = new PcapngFileBuilder().Section().Interface(101).Interface(189)
            .Enhanced(0, 1, s_udp).Enhanced(1, 2, new byte[40]).Enhanced(7, 3, s_udp).ToArray();

        using var reader = CaptureFileReader.Open(pcapng, "two.pcapng");
        var packets = CaptureFiles.ReadAll(reader);

        Assert.Equal([MalformedReason.None, MalformedReason.UnsupportedLinkType, MalformedReason.UnsupportedLinkType], packets.Select(p => p.Reason));
        Assert.Equal(2, reader.Stats.MalformedFor(MalformedReason.UnsupportedLinkType));
    }

    [Theory]
    [InlineData(0xFFFF_FFFFu)]
    [InlineData(262_145u)]
    public void Read_AbsurdCapturedLength_CountedAndStopsWithoutHugeAllocation(uint capturedLength)
    {
        var pcap = new PcapFileBuilder(linkType: 101).Add(s_udp, 1).Add(s_udp, 2, capturedLength: capturedLength).Add(s_udp, 3).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        using var reader = CaptureFileReader.Open(pcap, "absurd.pcap");
        var sink = new CountingSink();
        while (reader.Read(ref sink))
        {
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
        Assert.Equal(1, reader.Stats.Packets);
        Assert.Equal(1, reader.Stats.MalformedFor(MalformedReason.CapturedLengthOverLimit));
        Assert.Equal(1, sink.Malformed);
        Assert.True(reader.Stats.Truncated);

        // The second record starts after the 24-byte file header and the first record (16-byte header + frame).
        Assert.Equal(24 + 16 + s_udp.Length, reader.Stats.DamagedAt);
        Assert.Equal(MalformedReason.CapturedLengthOverLimit, reader.Stats.DamageReason);
    }

    [Theory]
    [InlineData(8u)]
    [InlineData(13u)]
    [InlineData(0x7FFF_FFFCu)]
    [InlineData((16u << 20) + 4)]
    public void Read_PcapngAbsurdBlockLength_CountedAndStops(uint blockLength)
    {
        var builder = new PcapngFileBuilder().Section().Interface(101).Enhanced(0, 1, s_udp);
        var goodBytes = builder.ToArray().Length;
        var pcapng = builder.Block(PcapngFile.EnhancedPacketType, new byte[40], declaredLength: blockLength).Enhanced(0, 3, s_udp).ToArray();

        using var reader = CaptureFileReader.Open(pcapng, "absurd.pcapng");
        var packets = CaptureFiles.ReadAll(reader);

        Assert.Equal(MalformedReason.None, packets[0].Reason);
        Assert.Equal(1, reader.Stats.Packets);
        Assert.Equal(1, reader.Stats.MalformedFor(MalformedReason.BlockLengthInvalid));
        Assert.True(reader.Stats.Truncated);
        Assert.Equal(goodBytes, reader.Stats.DamagedAt);
    }

    [Fact]
    public void Read_PcapngTrailingLengthDiffers_CountedAndStops()
    {
        var builder = new PcapngFileBuilder().Section().Interface(101).Enhanced(0, 1, s_udp);
        var goodBytes = builder.ToArray().Length;
        var pcapng = builder.Block(PcapngFile.EnhancedPacketType, new byte[48], trailingLength: 64).ToArray();

        using var reader = CaptureFileReader.Open(pcapng, "bad-trailer.pcapng");
        CaptureFiles.ReadAll(reader);

        Assert.Equal(1, reader.Stats.Packets);
        Assert.Equal(1, reader.Stats.MalformedFor(MalformedReason.BlockTrailerMismatch));
        Assert.True(reader.Stats.Truncated);
        Assert.Equal(goodBytes, reader.Stats.DamagedAt);
    }

    [Fact]
    public void Read_HeaderOnlyPcap_NoPacketsNotTruncated()
    {
        using var reader = CaptureFileReader.Open(new PcapFileBuilder().ToArray(), "empty.pcap");

        Assert.Empty(CaptureFiles.ReadAll(reader));
        Assert.False(reader.Stats.Truncated);
        Assert.Equal(0, reader.Stats.FirstNanos);
    }

    private static string TempFile(string name, byte[] content)
    {
        var directory = Directory.CreateTempSubdirectory("bw-wire-");
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
