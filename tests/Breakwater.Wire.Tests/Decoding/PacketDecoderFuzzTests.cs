using Breakwater.TestKit.Captures;

namespace Breakwater.Wire.Tests.Decoding;

/// <summary>
/// Random and mutated frames never make the decoder throw or read out of bounds, whatever the link type, and what it
/// returns holds together: a decoded record is one unsampled packet whose payload lies inside the frame, and a frame cut
/// short keeps the header fields of the whole frame or is reported malformed.
/// </summary>
public sealed class PacketDecoderFuzzTests
{
    private static readonly LinkType[] s_links =
        [LinkType.Null, LinkType.Ethernet, LinkType.Raw, LinkType.Loop, LinkType.LinuxSll, LinkType.IPv4, LinkType.IPv6, LinkType.LinuxSll2, (LinkType)147];

    [Fact]
    public void Decode_RandomBytes_NeverThrows()
    {
        var random = new Random(20250310);
        var buffer = new byte[1600];
        var reasons = new HashSet<MalformedReason>();
        for (var i = 0; i < 200_000; i++)
        {
            var length = random.Next(0, i % 10 == 0 ? buffer.Length : 96);
            random.NextBytes(buffer.AsSpan(0, length));
            Steer(buffer.AsSpan(0, length), random);
            var record = default(TrafficRecord);
            var link = s_links[i % s_links.Length];
            var reason = PacketDecoder.Decode(link, buffer.AsSpan(0, length), ref record, out var payload);
            reasons.Add(reason);
            Assert.True(payload.Length <= length);
            if (!PacketDecoder.IsSupported(link))
            {
                Assert.Equal(MalformedReason.UnsupportedLinkType, reason);
            }

            if (reason == MalformedReason.None)
            {
                AssertDecoded(record, payload, buffer.AsSpan(0, length));
            }
        }

        Assert.Contains(MalformedReason.None, reasons);
        Assert.Contains(MalformedReason.IpHeaderTruncated, reasons);
    }

    [Fact]
    public void Decode_EveryPrefixOfRealFrames_NeverThrows()
    {
        var capture = CaptureFiles.Bytes("ethernet.pcap");
        var frames = new List<byte[]>();
        for (var offset = 24; offset < capture.Length;)
        {
            var length = BitConverter.ToInt32(capture, offset + 8);
            frames.Add(capture[(offset + 16)..(offset + 16 + length)]);
            offset += 16 + length;
        }

        var random = new Random(7);
        foreach (var frame in frames)
        {
            var whole = default(TrafficRecord);
            var wholeReason = PacketDecoder.Decode(LinkType.Ethernet, frame, ref whole, out _);
            var isIPv4 = frame.Length > 14 && frame[12] == 0x08 && frame[13] == 0x00;
            for (var length = 0; length <= frame.Length; length++)
            {
                var record = default(TrafficRecord);
                var reason = PacketDecoder.Decode(LinkType.Ethernet, frame.AsSpan(0, length), ref record, out var payload);
                if (length < 14 || (isIPv4 && length < 34))
                {
                    // No room for the Ethernet or the IPv4 header: never a decoded packet.
                    Assert.NotEqual(MalformedReason.None, reason);
                }

                if (reason == MalformedReason.None)
                {
                    AssertDecoded(record, payload, frame.AsSpan(0, length));
                    Assert.Equal(MalformedReason.None, wholeReason);
                    Assert.Equal(whole.Source, record.Source);
                    Assert.Equal(whole.Destination, record.Destination);
                    if ((record.Flags & RecordFlags.TransportTruncated) == 0)
                    {
                        // Cut inside an IPv6 extension chain, the record names the header where the cut fell (flagged) instead.
                        Assert.Equal(whole.Protocol, record.Protocol);
                    }
                }
            }

            Assert.Equal(isIPv4 ? MalformedReason.None : wholeReason, wholeReason);

            for (var i = 0; i < 500; i++)
            {
                var mutated = (byte[])frame.Clone();
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                var record = default(TrafficRecord);
                if (PacketDecoder.Decode(LinkType.Ethernet, mutated, ref record, out var payload) == MalformedReason.None)
                {
                    AssertDecoded(record, payload, mutated);
                }
            }
        }
    }

    private static void AssertDecoded(in TrafficRecord record, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> frame)
    {
        Assert.Equal(1UL, record.Packets);
        Assert.Equal(1U, record.SamplingRate);
        Assert.True(payload.IsEmpty || frame.Overlaps(payload, out var offset) && offset + payload.Length <= frame.Length, "payload inside the frame");
    }

    // Make plausible headers common enough that deep layers (extension chains, GRE, inner packets) are reached.
    private static void Steer(Span<byte> frame, Random random)
    {
        if (frame.Length > 14 && random.Next(2) == 0)
        {
            frame[12] = random.Next(3) switch { 0 => (byte)0x08, 1 => (byte)0x86, _ => (byte)0x81 };
            frame[13] = frame[12] == 0x08 ? (byte)0x00 : frame[12] == 0x86 ? (byte)0xDD : (byte)0x00;
        }

        foreach (var start in new[] { 0, 4, 14, 16, 20 })
        {
            if (frame.Length > start + 10 && random.Next(3) == 0)
            {
                frame[start] = random.Next(2) == 0 ? (byte)0x45 : (byte)0x60;
                frame[start + 9] = random.Next(4) switch { 0 => (byte)6, 1 => (byte)17, 2 => (byte)47, _ => (byte)1 };
                frame[start + 6] = random.Next(4) switch { 0 => (byte)0, 1 => (byte)43, 2 => (byte)44, _ => (byte)47 };
            }
        }
    }
}
