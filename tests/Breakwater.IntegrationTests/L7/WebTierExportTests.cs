using Breakwater.Analysis.WebTier;
using Breakwater.Core;

namespace Breakwater.IntegrationTests.L7;

/// <summary>
/// The web-tier deny list and its four renderings, from an analysis document written by hand: CIDR aggregation of a
/// full /24, the allow-list, the request floor, and the rate-limit suggestion in each format.
/// </summary>
public sealed class WebTierExportTests
{
    private static AnalysisDocument Document()
    {
        var clients = Enumerable.Range(0, 256).Select(i => new HttpClientCount($"192.0.2.{i}", 200)).ToList();
        clients.Add(new HttpClientCount("203.0.113.5", 150));
        clients.Add(new HttpClientCount("10.1.2.3", 5000));
        clients.Add(new HttpClientCount("198.51.100.9", 20));
        clients.Add(new HttpClientCount("2001:db8::5", 300));
        return new AnalysisDocument
        {
            Input = new InputSummary { Files = ["access.log"], Format = "access_log" },
            Hosts = new HostsSummary(),
            Incidents =
            [
                new IncidentReport
                {
                    Id = "l7", Target = "shop.example", Packets = 60_000,
                    Http = new HttpIncidentDetails
                    {
                        Service = "shop.example", Source = "access_log", TopClients = clients,
                        RateLimit = new HttpRateLimit { RequestsPerMinute = 120, Burst = 30, Basis = "by hand" },
                    },
                },
                new IncidentReport { Id = "net", Target = "198.51.100.7" },
            ],
        };
    }

    private static DenyList List() => DenyList.From(Document(), [Prefix.Parse("10.0.0.0/8")]);

    [Fact]
    public void DenyList_AggregatesFullSlash24_KeepsAllowedOut_AndDropsLightClients()
    {
        var list = List();

        Assert.Equal(["192.0.2.0/24", "2001:db8::5/128", "203.0.113.5/32"], list.Entries.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["shop.example"], list.Services);
        Assert.Equal(120, list.RequestsPerMinute);
        Assert.Equal(30, list.Burst);
    }

    [Fact]
    public void Nginx_AllowThenDenyLines_AndLimitReqAsComments()
    {
        var lines = WebTierFormats.Nginx(List()).Split('\n');

        var rules = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal("allow 10.0.0.0/8;", rules[0]);
        Assert.Contains("deny 192.0.2.0/24;", rules);
        Assert.Contains("deny 203.0.113.5;", rules);
        Assert.Contains("deny 2001:db8::5;", rules);
        Assert.Contains(lines, l => l == "# limit_req_zone $binary_remote_addr zone=breakwater:10m rate=120r/m;");
        Assert.Contains(lines, l => l == "# limit_req zone=breakwater burst=30 nodelay;");
    }

    [Fact]
    public void Nftables_SetsPerFamily_AndMeter()
    {
        var text = WebTierFormats.Nftables(List());

        Assert.Contains("table inet breakwater_web {", text, StringComparison.Ordinal);
        Assert.Contains("elements = { 192.0.2.0/24, 203.0.113.5 }", text, StringComparison.Ordinal);
        Assert.Contains("elements = { 2001:db8::5 }", text, StringComparison.Ordinal);
        Assert.Contains("ip saddr 10.0.0.0/8 accept", text, StringComparison.Ordinal);
        Assert.Contains("limit rate over 120/minute burst 30 packets", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipset_AndHaproxy_OneEntryALine()
    {
        var ipset = WebTierFormats.Ipset(List()).Split('\n');
        Assert.Contains("add breakwater-deny4 192.0.2.0/24 -exist", ipset);
        Assert.Contains("add breakwater-deny6 2001:db8::5 -exist", ipset);

        var haproxy = WebTierFormats.Haproxy(List()).Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(["192.0.2.0/24", "2001:db8::5", "203.0.113.5"], haproxy.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DenyList_NoHttpIncident_IsEmptyAndSaysSo()
    {
        var list = DenyList.From(new AnalysisDocument
        {
            Input = new InputSummary { Files = ["a.pcap"], Format = "pcap" },
            Hosts = new HostsSummary(),
            Incidents = [new IncidentReport { Id = "n", Target = "198.51.100.7" }],
        }, []);

        Assert.Empty(list.Entries);
        Assert.Contains("no http_flood incident", WebTierFormats.Nginx(list), StringComparison.Ordinal);
    }
}
