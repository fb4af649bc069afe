using Breakwater.Configuration;
using Breakwater.Core;

namespace Breakwater.Configuration.Tests;

/// <summary>Configuration errors name the key, the line and what is allowed; good files map onto detection settings.</summary>
public sealed class ConfigLoaderTests
{
    private const string ProductExample = """
        networks:                       # protected prefixes, longest match wins
          - prefix: 198.51.100.0/24
            group: web
          - prefix: 2001:db8::/48
            group: web
          - prefix: 198.51.100.128/25
            group: dns
        groups:
          web:
            thresholds: { pps: 5000, mbps: 50 }
          dns:
            thresholds: { pps: 20000, udp_pps: 15000 }
        collectors:
          sflow:   { listen: ["127.0.0.1:6343"] }
        events:
          file: "-"
        detection:
          trigger_seconds: 3
          quiet_seconds: 30
        """;

    [Fact]
    public void Parse_ProductExample_MapsNetworksGroupsAndDetection()
    {
        var config = ConfigLoader.Parse(ProductExample);

        var detection = config.Detection;
        Assert.Equal(3, detection.Networks.Count);
        Assert.Equal(Prefix.Parse("198.51.100.0/24"), detection.Networks[0].Prefix);
        Assert.Equal("web", detection.Networks[1].Group);
        Assert.Equal(5000, detection.Groups["web"].Thresholds.Pps);
        Assert.Equal(50, detection.Groups["web"].Thresholds.Mbps);
        Assert.Equal(15000, detection.Groups["dns"].Thresholds.UdpPps);
        Assert.Null(detection.Groups["dns"].Thresholds.Mbps);
        Assert.Equal(3, detection.TriggerSeconds);
        Assert.Equal(30, detection.QuietSeconds);
    }

    [Fact]
    public void Parse_Collectors_GivesListenEndpointsAndEventFile()
    {
        var config = ConfigLoader.Parse("""
            collectors:
              sflow:   { listen: ["127.0.0.1:6343", "[::1]:6343"] }
              netflow: { listen: ["127.0.0.1:2055"] }
              pcap:    { interface: eth1 }
            events:
              file: /var/log/breakwater/events.jsonl
            """);

        Assert.Equal(2, config.Collectors.SFlowListen.Count);
        Assert.Equal(6343, config.Collectors.SFlowListen[1].Port);
        Assert.Equal(System.Net.IPAddress.IPv6Loopback, config.Collectors.SFlowListen[1].Address);
        Assert.Equal(2055, Assert.Single(config.Collectors.NetFlowListen).Port);
        Assert.Equal("eth1", config.Collectors.PcapInterface);
        Assert.Equal("/var/log/breakwater/events.jsonl", config.Events.File);
    }

    [Fact]
    public void Parse_EmptyFile_GivesDefaults()
    {
        var config = ConfigLoader.Parse("");

        Assert.Empty(config.Detection.Networks);
        Assert.Equal(Thresholds.Default, config.Detection.DefaultGroup.Thresholds);
    }

    [Theory]
    [InlineData("networks:\n  - prefix: 198.51.100.0/33\n", 2, "networks[0].prefix")]
    [InlineData("networks:\n  - prefix: 10.0.0.0/8\n    group: nope\n", 3, "group 'nope'")]
    [InlineData("groups:\n  web:\n    thresholds:\n      pps: -5\n", 4, "groups.web.thresholds.pps must be a positive number")]
    [InlineData("groups:\n  web:\n    thresholds:\n      ppz: 5\n", 4, "unknown key 'ppz'")]
    [InlineData("detection:\n  trigger_seconds: 0\n", 2, "detection.trigger_seconds must be a whole number from 1")]
    [InlineData("netwerks: []\n", 1, "allowed keys are networks")]
    [InlineData("networks: 10.0.0.0/8\n", 1, "networks must be a list")]
    [InlineData("groups: [\n", 2, "not valid YAML")]
    [InlineData("collectors:\n  sflow:\n    listen: [\"localhost\"]\n", 3, "collectors.sflow.listen entries must be ADDRESS:PORT")]
    [InlineData("collectors:\n  ipfix: {}\n", 2, "allowed keys are sflow, netflow, pcap")]
    public void Parse_BadValue_NamesLineAndKey(string yaml, int line, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/etc/breakwater.yaml"));

        Assert.StartsWith($"/etc/breakwater.yaml line {line}:", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_NetworkWithoutGroup_UsesDefaultGroup()
    {
        var config = ConfigLoader.Parse("networks:\n  - prefix: 2001:db8::/32\n");

        var network = Assert.Single(config.Detection.Networks);
        Assert.Equal("default", network.Group);
        Assert.False(network.Prefix.IsIPv4);
        Assert.Equal(32, network.Prefix.Length);
    }
}
