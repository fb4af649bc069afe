using System.Text.Json;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>The breakwater.analysis/v1 document is a contract: exact field names, RFC 3339 UTC times, known vector names.</summary>
public sealed class AnalysisDocumentContractTests
{
    private static readonly HashSet<string> VectorNames =
    [
        "syn_flood", "ack_flood", "rst_flood", "fin_flood", "tcp_flag_abuse", "tcp_data_flood", "udp_flood", "vse_flood",
        "gre_flood", "icmp_flood", "ip_fragment_flood", "dns_water_torture", "dns_amplification", "ntp_amplification",
        "memcached_amplification", "ssdp_amplification", "cldap_amplification", "snmp_amplification", "chargen_amplification",
        "wsd_amplification", "rpc_portmap_amplification", "tcp_reflection", "http_flood", "ip_flood",
    ];

    [Fact]
    public async Task AnalyzeJson_SynFloodSample_HasEveryContractFieldWithItsType()
    {
        using var dir = new TempDirectory();
        var pcap = dir.File("syn.pcap");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Samples, "syn-flood.yaml"), "--out", pcap)).ExitCode);

        var result = await CliRunner.RunAsync("analyze", pcap, "--json", "-");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("breakwater.analysis/v1", root.GetProperty("schema").GetString());
        var input = root.GetProperty("input");
        Assert.Equal("syn.pcap", input.GetProperty("files")[0].GetString());
        Assert.Equal("pcap", input.GetProperty("format").GetString());
        Assert.True(input.GetProperty("packets").GetInt64() > 0);
        Assert.True(input.GetProperty("bytes").GetInt64() > 0);
        AssertUtc(input.GetProperty("first"));
        AssertUtc(input.GetProperty("last"));
        Assert.Equal(0, input.GetProperty("malformed").GetInt64());
        Assert.False(input.GetProperty("truncated").GetBoolean());

        var incident = Assert.Single(root.GetProperty("incidents").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(incident.GetProperty("id").GetString()));
        Assert.Equal("incoming", incident.GetProperty("direction").GetString());
        foreach (var name in new[] { "start", "end", "detected" })
        {
            AssertUtc(incident.GetProperty(name));
        }

        foreach (var name in new[] { "peak_pps", "peak_bps", "packets", "bytes", "unique_sources" })
        {
            Assert.True(incident.GetProperty(name).GetDouble() > 0, name);
        }

        Assert.Equal(JsonValueKind.True, incident.GetProperty("spoofed_sources_likely").ValueKind);
        var vector = incident.GetProperty("vectors")[0];
        Assert.Equal("syn_flood", vector.GetProperty("name").GetString());
        Assert.InRange(vector.GetProperty("share").GetDouble(), 0.9, 1.0);
        Assert.Equal("tcp", vector.GetProperty("protocol").GetString());
        Assert.Equal(JsonValueKind.Array, vector.GetProperty("top_src_ports").ValueKind);
        Assert.Equal(JsonValueKind.Array, vector.GetProperty("top_dst_ports").ValueKind);
        var fingerprint = incident.GetProperty("fingerprint");
        Assert.Contains("tcp-syn", fingerprint.GetProperty("filter").GetString());
        Assert.True(fingerprint.GetProperty("coverage").GetDouble() > 0.9);
        Assert.True(fingerprint.GetProperty("collateral").GetDouble() < 0.05);
        Assert.True(incident.TryGetProperty("botnet", out _));
        Assert.Equal(JsonValueKind.Array, incident.GetProperty("top_sources").ValueKind);

        var hosts = root.GetProperty("hosts");
        Assert.True(hosts.GetProperty("observed").GetInt64() > 1);
        Assert.Equal(incident.GetProperty("target").GetString(), hosts.GetProperty("top_targets")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task AnalyzeJson_EverySample_UsesOnlyKnownVectorNames()
    {
        using var dir = new TempDirectory();
        var pcap = dir.File("mix.pcap");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Samples, "multi-vector.yaml"), "--out", pcap)).ExitCode);

        var document = Core.AnalysisJson.Deserialize((await CliRunner.RunAsync("analyze", pcap, "--json", "-")).Stdout)!;

        Assert.NotEmpty(document.Incidents);
        Assert.All(document.Incidents.SelectMany(i => i.Vectors), v => Assert.Contains(v.Name, VectorNames));
        Assert.All(document.Incidents, i => Assert.InRange(i.Vectors.Sum(v => v.Share), 0.5, 1.0001));
    }

    private static void AssertUtc(JsonElement element)
    {
        var text = element.GetString()!;
        Assert.EndsWith("Z", text);
        Assert.True(DateTimeOffset.TryParse(text, out _), text);
    }
}
