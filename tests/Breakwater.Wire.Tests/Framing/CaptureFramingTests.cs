using Breakwater.TestKit.Captures;

namespace Breakwater.Wire.Tests.Framing;

/// <summary>The pure framing functions: every strict prefix asks for more and consumes nothing; hostile lengths are refused early.</summary>
public sealed class CaptureFramingTests
{
    private static readonly byte[] s_udp = Frames.IPv4Udp(1, 2, 3, 4, 10);

    [Fact]
    public void TryReadRecord_EveryStrictPrefix_NeedMore()
    {
        var pcap = new PcapFileBuilder(linkType: 101).Add(s_udp, 5_000_000_123_000).ToArray();
        Assert.True(PcapFile.TryReadHeader(pcap, out var header).IsOk);
        var record = pcap.AsSpan(PcapFile.HeaderLength);

        for (var length = 0; length < record.Length; length++)
        {
            var result = PcapFile.TryReadRecord(record[..length], header, out _);
            Assert.Equal(CaptureReadStatus.NeedMore, result.Status);
            Assert.Equal(0, result.Consumed);
        }

        var whole = PcapFile.TryReadRecord(record, header, out var frame);
        Assert.Equal(record.Length, whole.Consumed);
        Assert.Equal(5_000_000_123_000, frame.TimestampNanos);
        Assert.True(frame.Data.SequenceEqual(s_udp));
        Assert.Equal(LinkType.Raw, frame.LinkType);
    }

    [Fact]
    public void TryReadRecord_HugeCapturedLengthInHeaderOnly_MalformedBeforeWaitingForData()
    {
        var pcap = new PcapFileBuilder(linkType: 1).Add([], 1, capturedLength: 0x8000_0000).ToArray();
        PcapFile.TryReadHeader(pcap, out var header);

        var result = PcapFile.TryReadRecord(pcap.AsSpan(PcapFile.HeaderLength), header, out _);

        Assert.Equal(CaptureReadStatus.Malformed, result.Status);
        Assert.Equal(MalformedReason.CapturedLengthOverLimit, result.Reason);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void TryReadHeader_BothMagicsBothOrders(bool bigEndian, bool nanosecond)
    {
        var pcap = new PcapFileBuilder(linkType: 276, bigEndian: bigEndian, nanosecond: nanosecond, snapLength: 1234).ToArray();

        Assert.True(PcapFile.IsMagic(pcap));
        Assert.Equal(CaptureReadStatus.NeedMore, PcapFile.TryReadHeader(pcap.AsSpan(0, 23), out _).Status);
        var result = PcapFile.TryReadHeader(pcap, out var header);

        Assert.Equal(24, result.Consumed);
        Assert.Equal(new PcapHeader(bigEndian, nanosecond, 2, 4, 1234, LinkType.LinuxSll2), header);
    }

    [Fact]
    public void TryReadHeader_FcsBitsInLinkTypeField_Ignored()
    {
        var pcap = new PcapFileBuilder(linkType: 0x1000_0001).ToArray();

        PcapFile.TryReadHeader(pcap, out var header);

        Assert.Equal(LinkType.Ethernet, header.LinkType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryReadBlock_EveryStrictPrefix_NeedMoreAndStateUntouched(bool bigEndian)
    {
        var file = new PcapngFileBuilder().Section(bigEndian).Interface(1, timestampResolution: 9).Enhanced(0, 1, Frames.Ethernet(s_udp)).ToArray();
        var state = new PcapngState();
        var offset = 0;
        var blocks = 0;
        while (offset < file.Length)
        {
            var rest = file.AsSpan(offset);
            int consumed;
            for (var length = 0; ; length++)
            {
                var sections = state.Sections;
                var interfaces = state.InterfaceCount;
                var result = PcapngFile.TryReadBlock(rest[..length], state, out var frame, out var isPacket);
                if (result.Status == CaptureReadStatus.NeedMore)
                {
                    Assert.Equal(sections, state.Sections);
                    Assert.Equal(interfaces, state.InterfaceCount);
                    continue;
                }

                Assert.True(result.IsOk, result.ToString());
                consumed = result.Consumed;
                Assert.Equal(length, consumed);
                if (isPacket)
                {
                    Assert.Equal(1L, frame.TimestampNanos);
                    Assert.Equal(LinkType.Ethernet, frame.LinkType);
                }

                break;
            }

            offset += consumed;
            blocks++;
        }

        Assert.Equal(3, blocks);
        Assert.Equal(bigEndian, state.BigEndian);
    }

    [Fact]
    public void TryReadBlock_BadByteOrderMagic_Malformed()
    {
        var file = new PcapngFileBuilder().Section().ToArray();
        file[8] ^= 0xFF;

        var result = PcapngFile.TryReadBlock(file, new PcapngState(), out _, out _);

        Assert.Equal(CaptureReadStatus.Malformed, result.Status);
        Assert.Equal(MalformedReason.BadMagic, result.Reason);
    }

    [Fact]
    public void TryReadBlock_PacketBeforeAnySection_MalformedOutsideSection()
    {
        var file = new PcapngFileBuilder().Section().Interface(1).Enhanced(0, 1, new byte[8]).ToArray();
        var skipped = new PcapngState();
        var sectionAndInterface = 0;
        for (var i = 0; i < 2; i++)
        {
            sectionAndInterface += PcapngFile.TryReadBlock(file.AsSpan(sectionAndInterface), skipped, out _, out _).Consumed;
        }

        // A reader that has seen no section header yet meets the packet block.
        var result = PcapngFile.TryReadBlock(file.AsSpan(sectionAndInterface), new PcapngState(), out _, out _);

        Assert.Equal(MalformedReason.BlockOutsideSection, result.Reason);
    }

    [Fact]
    public void TryReadBlock_EnhancedPacketClaimsMoreThanItsBlock_Malformed()
    {
        var state = new PcapngState();
        var file = new PcapngFileBuilder().Section().Interface(1).Enhanced(0, 1, new byte[8]).ToArray();
        var offset = 0;
        for (var i = 0; i < 2; i++)
        {
            offset += PcapngFile.TryReadBlock(file.AsSpan(offset), state, out _, out _).Consumed;
        }

        // Captured length field of the EPB: 8 → 4000.
        BitConverter.TryWriteBytes(file.AsSpan(offset + 20), 4000u);

        var result = PcapngFile.TryReadBlock(file.AsSpan(offset), state, out _, out _);
        Assert.Equal(CaptureReadStatus.Malformed, result.Status);
        Assert.Equal(MalformedReason.CapturedLengthBeyondBlock, result.Reason);
    }
}
