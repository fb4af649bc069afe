using Breakwater.Configuration;

namespace Breakwater.Configuration.Tests;

/// <summary>The probes, vantage and reports sections: the contract's example loads; mistakes name line, key and what is allowed.</summary>
public sealed class OutageConfigTests
{
    [Fact]
    public void Parse_ContractExample_LoadsProbesAndReports()
    {
        var config = ConfigLoader.Parse("""
            probes:     [ { name: web, type: http, target: "https://example.org/", interval: 10s, timeout: 3s } ]
            reports:    { enabled: true, window: 15m }
            """);

        var probe = Assert.Single(config.Probes);
        Assert.Equal(("web", "http", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3)), (probe.Name, probe.Type, probe.Interval, probe.Timeout));
        Assert.True(config.Reports.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(15), config.Reports.Window);
    }

    [Fact]
    public void Parse_EveryProbeKeyAndAnAgent_AreRead()
    {
        var config = ConfigLoader.Parse("""
            probes:
              - { name: dns, type: dns, target: example.org, server: "127.0.0.1:5353", record: AAAA, quorum: 2, retries: 0, interval: 500ms }
              - { name: web, type: http, target: "https://127.0.0.1:8443/health", degraded_ms: 800, expect_status: [200, 204], body_contains: ok, cert_min_days: 7, insecure: true }
              - { name: port, type: tcp, target: "127.0.0.1:443" }
            vantage: { name: fra1, report_to: "http://127.0.0.1:8080", token: secret }
            reports: { enabled: true, token: t, per_address: 3, per_prefix: 30, per_minute: 300, max_body_bytes: 512 }
            """);

        Assert.Equal(["dns", "web", "port"], config.Probes.Select(p => p.Name));
        Assert.Equal(("AAAA", 2, 0, TimeSpan.FromMilliseconds(500)), (config.Probes[0].Record, config.Probes[0].Quorum, config.Probes[0].Retries, config.Probes[0].Interval));
        Assert.Equal([200, 204], config.Probes[1].ExpectStatus);
        Assert.True(config.Probes[1].Insecure);
        Assert.Equal("fra1", config.Vantage.Name);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), config.Vantage.ReportTo);
        Assert.Equal((3, 30, 300, 512), (config.Reports.PerAddress, config.Reports.PerPrefix, config.Reports.PerMinute, config.Reports.MaxBodyBytes));
    }

    [Theory]
    [InlineData("probes:\n  - { name: a, type: ftp, target: x }\n", "line 2: probes[0].type must be one of http, tcp, dns, icmp, got 'ftp'")]
    [InlineData("probes:\n  - { name: a, type: http, target: example.org }\n", "probes[0].target must be an http:// or https:// URL")]
    [InlineData("probes:\n  - { name: a, type: dns, target: example.org }\n", "probes[0] is a dns probe and needs 'server'")]
    [InlineData("probes:\n  - { name: a, type: tcp, target: example.org }\n", "must be HOST:PORT for a tcp probe")]
    [InlineData("probes:\n  - { type: tcp, target: \"a:1\" }\n", "probes[0] needs 'name'")]
    [InlineData("probes:\n  - { name: a, type: tcp, target: \"a:1\", interval: 10 }\n", "probes[0].interval must be a duration")]
    [InlineData("probes:\n  - { name: a, type: tcp, target: \"a:1\", colour: red }\n", "unknown key 'colour' at probes[0]")]
    [InlineData("reports:\n  window: forever\n", "line 2: reports.window must be a duration")]
    [InlineData("reports:\n  enabled: maybe\n", "reports.enabled must be true or false")]
    [InlineData("vantage:\n  report_to: somewhere\n", "vantage.report_to must be the central daemon's API URL")]
    public void Parse_Mistakes_NameTheKeyAndWhatIsAllowed(string yaml, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "b.yaml"));
        Assert.Contains(message, e.Message);
    }
}
