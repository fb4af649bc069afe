using System.Globalization;
using System.Text;
using Breakwater.Core;

namespace Breakwater.Analysis.WebTier;

/// <summary>
/// Renderers of a <see cref="DenyList"/> for the web tier, by format name (the registry <c>mitigation export --format</c>
/// looks up): an nginx include, an nftables table, an ipset restore file and a HAProxy pattern file.
/// </summary>
public static class WebTierFormats
{
    private static readonly Dictionary<string, Func<DenyList, string>> s_renderers = new(StringComparer.Ordinal)
    {
        ["nginx"] = Nginx,
        ["nftables"] = Nftables,
        ["ipset"] = Ipset,
        ["haproxy"] = Haproxy,
    };

    public static IReadOnlyCollection<string> Names => s_renderers.Keys;

    public static bool TryRender(string format, DenyList list, out string text)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (s_renderers.TryGetValue(format, out var render))
        {
            text = render(list);
            return true;
        }

        text = "";
        return false;
    }

    /// <summary>An include for nginx's server or location context: <c>allow</c>/<c>deny</c> lines and the rate limit as comments.</summary>
    public static string Nginx(DenyList list)
    {
        var b = Header(list, "#");
        foreach (var allow in list.Allow)
        {
            b.Append(CultureInfo.InvariantCulture, $"allow {Text(allow)};\n");
        }

        foreach (var entry in list.Entries)
        {
            b.Append(CultureInfo.InvariantCulture, $"deny {Text(entry)};\n");
        }

        if (list.RequestsPerMinute > 0)
        {
            b.Append("# Rate limit suggested from normal traffic (limit_req_zone belongs in the http block):\n");
            b.Append(CultureInfo.InvariantCulture, $"# limit_req_zone $binary_remote_addr zone=breakwater:10m rate={list.RequestsPerMinute}r/m;\n");
            b.Append(CultureInfo.InvariantCulture, $"# limit_req zone=breakwater burst={list.Burst} nodelay;\n");
        }

        return b.ToString();
    }

    /// <summary>An nftables table (load with <c>nft -f</c>): interval sets of denied clients and a per-client meter on ports 80 and 443.</summary>
    public static string Nftables(DenyList list)
    {
        var b = Header(list, "#");
        b.Append("table inet breakwater_web {\n");
        var v4 = list.Entries.Where(e => e.IsIPv4).ToList();
        var v6 = list.Entries.Where(e => !e.IsIPv4).ToList();
        Set("deny4", "ipv4_addr", v4);
        Set("deny6", "ipv6_addr", v6);
        b.Append("  chain input {\n    type filter hook input priority -10; policy accept;\n");
        foreach (var allow in list.Allow)
        {
            b.Append(CultureInfo.InvariantCulture, $"    {(allow.IsIPv4 ? "ip" : "ip6")} saddr {Text(allow)} accept\n");
        }

        b.Append("    ip saddr @deny4 tcp dport { 80, 443 } drop\n");
        b.Append("    ip6 saddr @deny6 tcp dport { 80, 443 } drop\n");
        if (list.RequestsPerMinute > 0)
        {
            b.Append(CultureInfo.InvariantCulture,
                $"    tcp dport {{ 80, 443 }} ct state new meter breakwater_rate4 {{ ip saddr limit rate over {list.RequestsPerMinute}/minute burst {list.Burst} packets }} drop\n");
        }

        b.Append("  }\n}\n");
        return b.ToString();

        void Set(string name, string type, List<Prefix> entries)
        {
            b.Append(CultureInfo.InvariantCulture, $"  set {name} {{\n    type {type}; flags interval;\n");
            if (entries.Count > 0)
            {
                b.Append("    elements = { ").AppendJoin(", ", entries.Select(Text)).Append(" }\n");
            }

            b.Append("  }\n");
        }
    }

    /// <summary>An <c>ipset restore</c> file: hash:net sets <c>breakwater-deny4</c> and <c>breakwater-deny6</c>.</summary>
    public static string Ipset(DenyList list)
    {
        var b = Header(list, "#");
        b.Append("create breakwater-deny4 hash:net family inet -exist\n");
        b.Append("create breakwater-deny6 hash:net family inet6 -exist\n");
        foreach (var entry in list.Entries)
        {
            b.Append(CultureInfo.InvariantCulture, $"add breakwater-deny{(entry.IsIPv4 ? 4 : 6)} {Text(entry)} -exist\n");
        }

        return b.ToString();
    }

    /// <summary>A HAProxy pattern file (one client or block a line) with the frontend lines that use it as comments.</summary>
    public static string Haproxy(DenyList list)
    {
        var b = Header(list, "#");
        b.Append("# frontend: http-request deny deny_status 403 if { src -f /etc/haproxy/breakwater-deny.lst }\n");
        if (list.RequestsPerMinute > 0)
        {
            b.Append("# frontend: stick-table type ipv6 size 1m expire 2m store http_req_rate(60s)\n");
            b.Append("#           http-request track-sc0 src\n");
            b.Append(CultureInfo.InvariantCulture, $"#           http-request deny deny_status 429 if {{ sc_http_req_rate(0) gt {list.RequestsPerMinute} }}\n");
        }

        foreach (var entry in list.Entries)
        {
            b.Append(Text(entry)).Append('\n');
        }

        return b.ToString();
    }

    private static StringBuilder Header(DenyList list, string comment)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture,
            $"{comment} Breakwater web-tier deny list: {list.Entries.Count} entries for {(list.Services.Count == 0 ? "no http_flood incident" : string.Join(", ", list.Services))}\n");
        return b;
    }

    /// <summary>Single addresses without their /32 or /128, as every one of these formats accepts.</summary>
    private static string Text(Prefix p) => p.Length == (p.IsIPv4 ? 32 : 128) ? p.Network.ToString() : p.ToString();
}
