using System.Buffers.Binary;
using Breakwater.IntegrationTests.Support;
using Breakwater.TestKit.Captures;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>
/// Memory must not grow with the number of spoofed sources: a capture with 10 million distinct random sources is
/// analysed by the whole process within 512 MiB peak RSS, and its unique-source estimate is within a few percent.
/// </summary>
public sealed class SpoofedFloodMemoryTests
{
    private const int Packets = 10_000_000;
    private const int PacketsPerSecond = 1_000_000;
    private const uint Target = 0xCB00710A; // 203.0.113.10

    [Fact]
    public async Task Analyze_TenMillionSpoofedSources_StaysUnder512MiBAndCountsSources()
    {
        using var dir = new TempDirectory();
        var pcap = dir.File("spoofed.pcap");
        WriteSpoofedSynFlood(pcap);

        var (exitCode, stdout, stderr, peakRss) = await CliProcess.RunAsync(TestContext.Current.CancellationToken, "analyze", pcap, "--json", "-");

        Assert.True(exitCode == 0, stderr);
        Assert.InRange(peakRss, 1, 512L << 20);
        var document = Core.AnalysisJson.Deserialize(stdout)!;
        Assert.Equal(Packets, document.Input.Packets);
        var incident = Assert.Single(document.Incidents);
        Assert.Equal("203.0.113.10", incident.Target);
        Assert.Equal("syn_flood", incident.Vectors[0].Name);
        Assert.InRange(incident.UniqueSources, Packets * 0.97, Packets * 1.03);
        Assert.True(incident.SpoofedSourcesLikely);
    }

    /// <summary>Raw-IPv4 SYNs; sources are i × an odd constant mod 2^32, so all 10 million are distinct and spread.</summary>
    private static void WriteSpoofedSynFlood(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(MiniPcap.Header(linkType: 101));
        Span<byte> record = stackalloc byte[16 + 40];
        var packet = record[16..];
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], 40);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], 40);
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], 40);
        packet[8] = 57;
        packet[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(packet[16..], Target);
        BinaryPrimitives.WriteUInt16BigEndian(packet[22..], 80);
        packet[32] = 0x50;
        packet[33] = 0x02;
        const long start = 1_741_599_900L * 1_000_000;
        for (var i = 0u; i < Packets; i++)
        {
            var micros = start + (long)i * 1_000_000 / PacketsPerSecond;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32BigEndian(packet[12..], i * 2_654_435_761u);
            BinaryPrimitives.WriteUInt16BigEndian(packet[20..], (ushort)(1024 + (i * 7919 % 60000)));
            BinaryPrimitives.WriteUInt32BigEndian(packet[24..], i * 40503u);
            file.Write(record);
        }
    }
}
