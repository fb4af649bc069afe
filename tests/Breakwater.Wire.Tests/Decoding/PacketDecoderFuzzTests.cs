using Breakwater.TestKit.Captures;

namespace Breakwater.Wire.Tests.Decoding;

/// <summary>Random and mutated frames never make the decoder throw or read out of bounds, whatever the link type.</summary>
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
            var reason = PacketDecoder.Decode(s_links[i % s_links.Length], buffer.AsSpan(0, length), ref record, out var payload);
            reasons.Add(reason);
            Assert.True(payload.Length <= length);
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
            for (var length = 0; length <= frame.Length; length++)
            {
                var record = default(TrafficRecord);
                PacketDecoder.Decode(LinkType.Ethernet, frame.AsSpan(0, length), ref record, out _);
            }

            for (var i = 0; i < 500; i++)
            {
                var mutated = (byte[])frame.Clone();
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                var record = default(TrafficRecord);
                PacketDecoder.Decode(LinkType.Ethernet, mutated, ref record, out _);
            }
        }
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
