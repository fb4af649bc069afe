using System.Buffers.Binary;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>Reads the record times and lengths of a classic pcap file (test-side reader, independent of Ingest).</summary>
internal static class PcapRecords
{
    public static List<(long UnixNs, int Length)> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        Assert.True(magic is 0xA1B2C3D4 or 0xA1B23C4D, $"not a little-endian pcap: {magic:x8}");
        var nanos = magic == 0xA1B23C4D;
        var records = new List<(long, int)>();
        var at = 24;
        while (at + 16 <= bytes.Length)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            var fraction = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            var captured = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 8));
            records.Add(((seconds * 1_000_000_000L) + (nanos ? fraction : fraction * 1000L), captured));
            at += 16 + captured;
        }

        Assert.Equal(bytes.Length, at);
        return records;
    }
}
