using Breakwater.IntegrationTests.Support;
using Breakwater.Simulation;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>The generator is a load generator: memory per run must not grow with the number of packets.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Generate_TwentyTimesMorePackets_AllocatesAboutTheSame()
    {
        using var dir = new TempDirectory();
        const string template = """
            scenario: alloc
            seed: 3
            background: { pps: 500, clients: 100, servers: 10 }
            attacks:
              - target: 198.51.100.7
                start: 0s
                duration: DURATION
                pps: 50000
                mirai: true
                sources: { bots: 1000 }
                vectors: [syn_flood, ack_flood, gre_flood, vse_flood, dns_amplification, dns_water_torture, udp_flood]
            """;
        var small = ScenarioFiles.Write(dir, "small.yaml", template.Replace("DURATION", "0.5s", StringComparison.Ordinal));
        var large = ScenarioFiles.Write(dir, "large.yaml", template.Replace("DURATION", "10s", StringComparison.Ordinal));
        ScenarioGenerator.Generate(small, dir.File("warm.pcap"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var smallResult = ScenarioGenerator.Generate(small, dir.File("small.pcap"));
        var smallBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var largeResult = ScenarioGenerator.Generate(large, dir.File("large.pcap"));
        var largeBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(largeResult.Packets > 15 * smallResult.Packets);
        Assert.True(largeBytes - smallBytes < 256 * 1024, $"small run {smallBytes:N0} B, large run {largeBytes:N0} B");
    }
}
