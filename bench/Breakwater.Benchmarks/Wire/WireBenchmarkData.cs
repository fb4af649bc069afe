using Breakwater.TestKit.Captures;
using TestFrames = Breakwater.TestKit.Captures.Frames;

namespace Breakwater.Benchmarks.Wire;

/// <summary>Frames shaped like a DDoS capture: mostly minimum-size Ethernet frames, some VLAN, IPv6, GRE and fragments.</summary>
internal static class WireBenchmarkData
{
    public static byte[][] Frames { get; } = BuildFrames();

    /// <summary>A pcap of <paramref name="count"/> frames cycling through <see cref="Frames"/>.</summary>
    public static byte[] Pcap(int count)
    {
        var builder = new PcapFileBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Add(Frames[i % Frames.Length], 1_741_615_200_000_000_000 + (i * 1000L));
        }

        return builder.ToArray();
    }

    private static byte[][] BuildFrames()
    {
        var frames = new List<byte[]>();
        for (var i = 0; i < 6; i++)
        {
            // SYN flood with a 20-byte option block, random-looking sources: 74-byte frames.
            frames.Add(TestFrames.Ethernet(TestFrames.IPv4Tcp(0x0B000000u + (uint)(i * 7919), 0xC6336407, (ushort)(1024 + i), 443, 0x02, 0, 20)));

            // ACK and UDP floods in minimum-size 60-byte frames.
            frames.Add(TestFrames.Ethernet(TestFrames.IPv4Tcp(0x0C000000u + (uint)i, 0xC6336407, 80, (ushort)(40000 + i), 0x10, 501)));
            frames.Add(TestFrames.Ethernet(TestFrames.IPv4Udp(0x0D000000u + (uint)i, 0xC6336407, 53, (ushort)(30000 + i), 4)));
        }

        var reference = FindReferenceCapture();
        if (reference is not null)
        {
            for (var offset = 24; offset + 16 <= reference.Length;)
            {
                var length = BitConverter.ToInt32(reference, offset + 8);
                frames.Add(reference[(offset + 16)..(offset + 16 + length)]);
                offset += 16 + length;
            }
        }

        return [.. frames];
    }

    // The scapy-crafted reference capture of the Wire tests: VLAN, QinQ, IPv6 extension headers, GRE, fragments.
    private static byte[]? FindReferenceCapture()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "tests", "Breakwater.Wire.Tests", "Captures", "ethernet.pcap");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        return null;
    }
}
