using System.Net;
using Breakwater.Configuration;

namespace Breakwater.Configuration.Tests;

/// <summary>The <c>bgp</c> and <c>mitigation</c> sections and <c>groups.NAME.mitigation</c>: values, defaults, and errors that name line and key.</summary>
public sealed class MitigationConfigTests
{
    [Fact]
    public void Parse_ContractExample_ReadsEveryKey()
    {
        var config = ConfigLoader.Parse("""
            groups:
              web:
                thresholds: { pps: 5000 }
                mitigation: { mode: auto, ttl: 5m }
            bgp:
              local_as: 65000
              router_id: 192.0.2.1
              neighbors: [ { address: 127.0.0.2, port: 179, remote_as: 65001, mode: active, families: [ipv4, ipv6, flow4, flow6] } ]
            mitigation:
              mode: dry-run
              never: [ 192.0.2.0/24 ]
              max_active: 50
              ttl: 30m
              blackhole: { communities: ["65535:666"], next_hop: 192.0.2.254 }
              flowspec:  { action: discard, max_collateral: 0.01 }
            """);

        Assert.Equal(65000u, config.Bgp!.LocalAs);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), config.Bgp.RouterId);
        var neighbor = Assert.Single(config.Bgp.Neighbors);
        Assert.Equal((IPAddress.Parse("127.0.0.2"), 179, 65001u, true), (neighbor.Address, neighbor.Port, neighbor.RemoteAs, neighbor.Active));
        Assert.Equal(MitigationMode.DryRun, config.Mitigation.Mode);
        Assert.Equal("192.0.2.0/24", Assert.Single(config.Mitigation.Never).ToString());
        Assert.Equal(TimeSpan.FromMinutes(30), config.Mitigation.Ttl);
        Assert.Equal([(65535u << 16) | 666], config.Mitigation.Blackhole.Communities);
        Assert.Equal(0.01, config.Mitigation.FlowSpec.MaxCollateral);

        // The group overrides only what it names; the rest comes from the defaults, wherever the sections are in the file.
        var web = config.MitigationFor("web");
        Assert.Equal((MitigationMode.Auto, TimeSpan.FromMinutes(5)), (web.Mode, web.Ttl));
        Assert.Equal(config.Mitigation.Never, web.Never);
        Assert.Same(config.Mitigation, config.MitigationFor("other"));
    }

    [Fact]
    public void Parse_NoSections_DryRunAndNoSpeaker()
    {
        var config = ConfigLoader.Parse("events: { file: \"-\" }\n");
        Assert.Null(config.Bgp);
        Assert.Equal(MitigationMode.DryRun, config.Mitigation.Mode);
        Assert.Equal((24, 48), (config.Mitigation.MinPrefixLengthV4, config.Mitigation.MinPrefixLengthV6));
    }

    [Theory]
    [InlineData("mitigation:\n  mode: yes-please\n", 2, "mitigation.mode must be off, dry-run, approval or auto")]
    [InlineData("mitigation:\n  never: [192.0.2.1/24]\n", 2, "has host bits set")]
    [InlineData("mitigation:\n  blackhole: { communities: [\"666\"] }\n", 2, "mitigation.blackhole.communities entries must be ASN:VALUE")]
    [InlineData("mitigation:\n  flowspec: { max_collateral: 2 }\n", 2, "mitigation.flowspec.max_collateral")]
    [InlineData("mitigation:\n  flowspec: { action: rate-limit }\n", 2, "mitigation.flowspec.rate is required with action rate-limit")]
    [InlineData("mitigation:\n  nftables: { table: \"a b\" }\n", 2, "mitigation.nftables.table must be a name")]
    [InlineData("bgp:\n  router_id: 192.0.2.1\n", 2, "bgp.local_as is required")]
    [InlineData("bgp:\n  local_as: 65000\n  router_id: 2001:db8::1\n", 3, "bgp.router_id must be an IPv4 address")]
    [InlineData("bgp:\n  local_as: 65000\n  router_id: 192.0.2.1\n  neighbors: [ { address: 127.0.0.2, remote_as: 1, families: [vpnv4] } ]\n", 4,
        "allows ipv4, ipv6, flow4 and flow6")]
    [InlineData("groups:\n  web:\n    mitigation: { mode: sometimes }\n", 3, "groups.web.mitigation.mode must be off, dry-run")]
    public void Parse_BadValue_NamesLineAndKey(string yaml, int line, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/etc/breakwater.yaml"));

        Assert.StartsWith($"/etc/breakwater.yaml line {line}:", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
