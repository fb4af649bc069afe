using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>probes</c>, <c>vantage</c> and <c>reports</c> sections (outside-in monitoring, docs/outages.md).</summary>
public static partial class ConfigLoader
{
    private static readonly string[] ProbeKeys =
    [
        "name", "type", "target", "interval", "timeout", "retries", "degraded_ms", "expect_status", "body_contains", "cert_min_days",
        "insecure", "server", "record", "quorum",
    ];

    private static readonly string[] ProbeTypes = ["http", "tcp", "dns", "icmp"];
    private static readonly string[] VantageKeys = ["name", "report_to", "token"];
    private static readonly string[] ReportKeys = ["enabled", "window", "token", "per_address", "per_prefix", "per_minute", "max_body_bytes"];

    private static OutageConfig ReadOutages(YamlNodeReader reader, string key, YamlNode value, OutageConfig config) => key switch
    {
        "probes" => config with { Probes = ReadProbes(reader, value) },
        "vantage" => config with { Vantage = ReadVantage(reader, value) },
        _ => config with { Reports = ReadReports(reader, value) },
    };

    private static List<ProbeEntry> ReadProbes(YamlNodeReader reader, YamlNode node)
    {
        var probes = new List<ProbeEntry>();
        var sequence = reader.Sequence(node, "probes");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"probes[{i}]");
            var entry = reader.Mapping(sequence.Children[i], path);
            var values = new Dictionary<string, (YamlNode Value, YamlNode Key)>(StringComparer.Ordinal);
            foreach (var (key, value, keyNode) in reader.Entries(entry, path, ProbeKeys))
            {
                values[key] = (value, keyNode);
            }

            string Need(string key) => values.TryGetValue(key, out var v)
                ? reader.String(v.Value, $"{path}.{key}")
                : throw reader.Error(entry, path, $"needs '{key}'.");
            var name = Need("name");
            var type = Need("type");
            if (!ProbeTypes.Contains(type))
            {
                throw reader.Error(values["type"].Value, $"{path}.type", $"must be one of {string.Join(", ", ProbeTypes)}, got '{type}'.");
            }

            var target = Need("target");
            if (type == "http" && (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")))
            {
                throw reader.Error(values["target"].Value, $"{path}.target", $"must be an http:// or https:// URL for an http probe, got '{target}'.");
            }

            if (probes.Any(p => p.Name == name))
            {
                throw reader.Error(values["name"].Value, $"{path}.name", $"'{name}' is already the name of another probe; names must be unique.");
            }

            var probe = new ProbeEntry { Name = name, Type = type, Target = target };
            foreach (var (key, (value, _)) in values)
            {
                var keyPath = $"{path}.{key}";
                probe = key switch
                {
                    "interval" => probe with { Interval = ReadSpan(reader, value, keyPath, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)) },
                    "timeout" => probe with { Timeout = ReadSpan(reader, value, keyPath, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5)) },
                    "retries" => probe with { Retries = reader.Integer(value, keyPath, 0, 10) },
                    "degraded_ms" => probe with { DegradedMs = reader.PositiveNumber(value, keyPath) },
                    "expect_status" => probe with
                    {
                        ExpectStatus = [.. reader.Sequence(value, keyPath).Children.Select(c => reader.Integer(c, keyPath, 100, 599))],
                    },
                    "body_contains" => probe with { BodyContains = reader.String(value, keyPath) },
                    "cert_min_days" => probe with { CertMinDays = reader.Integer(value, keyPath, 0, 3650) },
                    "insecure" => probe with { Insecure = ReadBool(reader, value, keyPath) },
                    "server" => probe with { Server = reader.String(value, keyPath) },
                    "record" => probe with { Record = reader.String(value, keyPath) is "A" or "AAAA" ? reader.String(value, keyPath) : throw reader.Error(value, keyPath, "must be A or AAAA.") },
                    "quorum" => probe with { Quorum = reader.Integer(value, keyPath, 1, 1000) },
                    _ => probe,
                };
            }

            if (type == "dns" && probe.Server is null)
            {
                throw reader.Error(entry, path, "is a dns probe and needs 'server' (ADDRESS[:PORT] of the DNS server to ask).");
            }

            if (type == "tcp" && !target.Contains(':', StringComparison.Ordinal))
            {
                throw reader.Error(values["target"].Value, $"{path}.target", $"must be HOST:PORT for a tcp probe, got '{target}'.");
            }

            probes.Add(probe);
        }

        return probes;
    }

    private static VantageSettings ReadVantage(YamlNodeReader reader, YamlNode node)
    {
        var settings = new VantageSettings();
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "vantage"), "vantage", VantageKeys))
        {
            var keyPath = $"vantage.{key}";
            settings = key switch
            {
                "name" => settings with { Name = reader.String(value, keyPath) },
                "token" => settings with { Token = reader.String(value, keyPath) },
                _ => settings with
                {
                    ReportTo = Uri.TryCreate(reader.String(value, keyPath), UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
                        ? uri
                        : throw reader.Error(value, keyPath, "must be the central daemon's API URL, e.g. http://127.0.0.1:8080."),
                },
            };
        }

        return settings;
    }

    private static ReportsSettings ReadReports(YamlNodeReader reader, YamlNode node)
    {
        var settings = new ReportsSettings();
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "reports"), "reports", ReportKeys))
        {
            var keyPath = $"reports.{key}";
            settings = key switch
            {
                "enabled" => settings with { Enabled = ReadBool(reader, value, keyPath) },
                "window" => settings with { Window = ReadSpan(reader, value, keyPath, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)) },
                "token" => settings with { Token = reader.String(value, keyPath) },
                "per_address" => settings with { PerAddress = reader.Integer(value, keyPath, 1, 1_000_000) },
                "per_prefix" => settings with { PerPrefix = reader.Integer(value, keyPath, 1, 1_000_000) },
                "per_minute" => settings with { PerMinute = reader.Integer(value, keyPath, 1, 10_000_000) },
                _ => settings with { MaxBodyBytes = reader.Integer(value, keyPath, 64, 65_536) },
            };
        }

        return settings;
    }

    /// <summary>A duration written as a number and a unit: 500ms, 10s, 15m, 1h, 1d.</summary>
    private static TimeSpan ReadSpan(YamlNodeReader reader, YamlNode node, string keyPath, TimeSpan min, TimeSpan max)
    {
        var text = ((node as YamlScalarNode)?.Value ?? "").Trim();
        var unit = text.TrimStart("0123456789.".ToCharArray());
        var number = text[..(text.Length - unit.Length)];
        double? seconds = double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? unit switch { "ms" => n / 1000, "s" => n, "m" => n * 60, "h" => n * 3600, "d" => n * 86_400, _ => null }
            : null;
        if (seconds is { } s && TimeSpan.FromSeconds(s) is var span && span >= min && span <= max)
        {
            return span;
        }

        throw reader.Error(node, keyPath, string.Create(CultureInfo.InvariantCulture,
            $"must be a duration from {min.TotalSeconds:0.###}s to {max.TotalSeconds:0}s written as a number and a unit (ms, s, m, h, d), e.g. 10s or 15m; got '{text}'."));
    }

    private static bool ReadBool(YamlNodeReader reader, YamlNode node, string keyPath) =>
        (node as YamlScalarNode)?.Value switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            var other => throw reader.Error(node, keyPath, $"must be true or false, got '{other}'."),
        };
}
