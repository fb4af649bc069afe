using Breakwater.Core;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>
/// Vectors are judged against the target's own normal traffic: a scapy capture (Captures/Accuracy) of DNS
/// amplification arriving as IP fragments at a server that keeps its TLS sessions going.
/// </summary>
public sealed class VectorAccuracyTests
{
    private const string Capture = "dns-amplification-fragments-tls.pcap";

    [Fact]
    public async Task Analyze_DnsAmplificationFragmentsDuringTls_IsAmplificationNotAckFlood()
    {
        var pcap = Path.Combine(RepoPaths.Captures, "Accuracy", Capture);
        var truth = GroundTruth.Load(Path.ChangeExtension(pcap, ".truth.json"));
        var result = await CliRunner.RunAsync("analyze", pcap, "--threshold-pps", "1000", "--threshold-mbps", "4", "--json", "-");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var document = AnalysisJson.Deserialize(result.Stdout)!;

        // The fragments trip the bit-rate limit, not the packet limit: the attack is one host's, not a carpet.
        Assert.Empty(TruthMatcher.Mismatches(truth, document, thresholdPps: 0));
        var incident = Assert.Single(document.Incidents);
        Assert.Contains(incident.Vectors[0].Name, (string[])["dns_amplification", "ip_fragment_flood"]);
        Assert.DoesNotContain(incident.Vectors, v => v.Name is "ack_flood" or "tcp_data_flood");
    }
}
