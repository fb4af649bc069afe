using Breakwater.Core;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Forensics;

/// <summary>
/// Spoofing verdicts and botnet evidence through <c>breakwater analyze</c> on captures crafted with scapy from the
/// published layouts (Forensics/Captures/make-forensics-captures.py), each a 3 s attack at 600 packets/s.
/// </summary>
public sealed class CapturedAttackForensicsTests
{
    internal static async Task<IncidentReport> AnalyzeAsync(string capture, params string[] extra)
    {
        var args = new List<string> { "analyze", Path.Combine(ForensicsData.Captures, capture), "--threshold-pps", "200", "--json", "-" };
        args.AddRange(extra);
        var result = await CliRunner.RunAsync([.. args]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var document = AnalysisJson.Deserialize(result.Stdout)!;
        // The network incident; captures with cleartext HTTP may also hold an http_flood incident (layer 7) beside it.
        return Assert.Single(document.Incidents, i => i.Http is null);
    }

    [Fact]
    public async Task Analyze_RandomSourceSynFlood_IsForgedWithReasonsAndCaveatedCountries()
    {
        var incident = await AnalyzeAsync("forged-syn-hping3.pcap");
        Assert.Equal("forged", incident.Spoofing!.Verdict);
        Assert.True(incident.SpoofedSourcesLikely);
        Assert.Contains(incident.Spoofing.Reasons, r => r.Contains("no internet host can use", StringComparison.Ordinal));
        Assert.Contains(incident.Spoofing.Reasons, r => r.Contains("routed", StringComparison.Ordinal));
        Assert.NotNull(incident.Sources!.Caveat);
        Assert.Contains("forged", incident.Sources.Reading, StringComparison.Ordinal);
        Assert.Empty(incident.Sources.Participants);
        // hping3's option-less SYNs with random TTLs are not Mirai's layout.
        Assert.Null(incident.Botnet);
    }

    [Fact]
    public async Task Analyze_ConnectedUdpFloodFromFiveHosts_IsGenuineAndConsistentWithUdpplain()
    {
        var incident = await AnalyzeAsync("udpplain-few-hosts.pcap");
        Assert.Equal("genuine", incident.Spoofing!.Verdict);
        Assert.False(incident.SpoofedSourcesLikely);
        Assert.Null(incident.Sources!.Caveat);
        Assert.Equal(5, incident.Sources.Participants.Count);
        Assert.Equal(1.0, incident.Sources.Sample.Probability);
        Assert.Equal(1.0, incident.Sources.Countries.Sum(c => c.Share), 3);
        var vector = Assert.Single(incident.Botnet!.Vectors);
        Assert.Equal("udpplain", vector.Method);
        Assert.All(incident.Botnet.Evidence, e => Assert.Contains("consistent with", e, StringComparison.Ordinal));
        Assert.InRange(incident.Botnet.Confidence, 0.3, 0.9);
    }

    [Fact]
    public async Task Analyze_NtpReflection_IsReflectedWithReflectorCaveat()
    {
        var incident = await AnalyzeAsync("ntp-reflection.pcap");
        Assert.Equal("reflected", incident.Spoofing!.Verdict);
        Assert.Contains("reflectors", incident.Sources!.Caveat!, StringComparison.Ordinal);
        Assert.Contains("reflectors", incident.Sources.Reading, StringComparison.Ordinal);
        Assert.NotEmpty(incident.Sources.Participants);
        Assert.Null(incident.Botnet);
    }

    [Theory]
    [InlineData("mirai-syn.pcap", "syn_flood", "syn")]
    [InlineData("mirai-dns.pcap", "dns_water_torture", "dns")]
    [InlineData("mirai-stomp.pcap", "tcp_data_flood", "stomp")]
    [InlineData("mirai-http.pcap", "tcp_data_flood", "http")]
    public async Task Analyze_MiraiLayout_IsConsistentWithItsMethod(string capture, string vector, string method)
    {
        var incident = await AnalyzeAsync(capture);
        Assert.Equal("mirai", incident.Botnet!.Family);
        var evidence = Assert.Single(incident.Botnet.Vectors, v => v.Vector == vector);
        Assert.Equal(method, evidence.Method);
        Assert.InRange(incident.Botnet.Confidence, 0.3, 0.9);
        if (method == "stomp")
        {
            Assert.Contains(evidence.Evidence, e => e.Contains("handshake", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Analyze_RealStackSynFlood_HasNoMiraiVerdict()
    {
        var incident = await AnalyzeAsync("stack-syn.pcap");
        Assert.Equal("syn_flood", incident.Vectors[0].Name);
        Assert.Null(incident.Botnet);
    }

    [Theory]
    [InlineData("forged-syn-hping3.pcap")]
    [InlineData("udpplain-few-hosts.pcap")]
    [InlineData("ntp-reflection.pcap")]
    public async Task Analyze_AnyVerdict_NeverNamesACountryAsTheAttacker(string capture)
    {
        var incident = await AnalyzeAsync(capture);
        var text = string.Join(" ", [incident.Sources!.Reading, incident.Sources.Caveat ?? "", .. incident.Spoofing!.Reasons]);
        Assert.DoesNotContain("attack came from", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("attacker is", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("attacked by", text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(incident.UniqueSourcesError);
        Assert.All(incident.TopSources, s => Assert.NotNull(s.Pps));
    }
}
