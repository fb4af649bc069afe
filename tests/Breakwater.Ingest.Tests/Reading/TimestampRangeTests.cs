using Breakwater.TestKit.Captures;
using Breakwater.TestKit.Sinks;
using Breakwater.Wire;

namespace Breakwater.Ingest.Tests.Reading;

/// <summary>A pcapng time stamp too large for 64-bit nanoseconds is reported as out of range, never wrapped.</summary>
public sealed class TimestampRangeTests
{
    [Fact]
    public void Read_PcapngTimestampThatOverflows_IsMarkedOutOfRange()
    {
        var frame = Frames.Ethernet(Frames.IPv4Udp(0xC0000201, 0xC6336407, 1234, 53, 20));
        var capture = new PcapngFileBuilder().Section().Interface(1)
            .Enhanced(0, 1_741_615_200_000_000, frame).Enhanced(0, ulong.MaxValue, frame).ToArray();

        using var reader = CaptureFileReader.Open(capture, "overflow.pcapng");
        var packets = CaptureFiles.ReadAll(reader);

        Assert.Equal(1_741_615_200_000_000_000, packets[0].TimestampNanos);
        Assert.Equal(PcapngInterface.OutOfRange, packets[1].TimestampNanos);
    }

    [Fact]
    public void ToNanos_MicrosecondCountPastYear2262_IsOutOfRange()
    {
        var microseconds = new PcapngInterface(LinkType.Ethernet, 65535, PcapngInterface.DefaultResolution, 0);

        Assert.Equal(PcapngInterface.OutOfRange, microseconds.ToNanos(ulong.MaxValue));
        Assert.Equal(1_741_615_200_000_000_000, microseconds.ToNanos(1_741_615_200_000_000));
    }
}
