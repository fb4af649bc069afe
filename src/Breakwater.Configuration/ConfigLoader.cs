using System.Net;
using Breakwater.Core;
using Breakwater.Yaml;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>
/// Reads <c>breakwater.yaml</c> (docs/configuration.md). Validates every key it knows and rejects unknown ones;
/// top-level sections that later capabilities use are accepted as they are.
/// </summary>
public static partial class ConfigLoader
{
    private static readonly string[] TopLevelKeys =
    [
        "networks", "groups", "detection", "collectors", "events", "storage", "api", "alerts", "bgp", "mitigation",
        "geoip", "intel", "probes", "reports", "vantage",
    ];

    private static readonly string[] NetworkKeys = ["prefix", "group"];
    private static readonly string[] GroupKeys = ["thresholds", "outgoing_thresholds", "mitigation"];
    private static readonly string[] DetectionKeys = ["trigger_seconds", "quiet_seconds", "release_fraction", "max_tracked_targets", "baseline", "http_baseline"];

    private static readonly string[] CollectorKeys = ["sflow", "netflow", "pcap", "access_log"];
    private static readonly string[] ListenKeys = ["listen"];
    private static readonly string[] PcapKeys = ["interface"];
    private static readonly string[] EventKeys = ["file"];

    private static readonly string[] ThresholdKeys =
        ["pps", "mbps", "tcp_pps", "udp_pps", "icmp_pps", "syn_pps", "ack_pps", "rst_pps", "fin_pps", "fragment_pps", "prefix_pps", "prefix_mbps", "rps", "path_rps"];

    public static BreakwaterConfig LoadFile(string path) => Parse(ConfigFileText.Read(path), path);

    public static BreakwaterConfig Parse(string yaml, string fileName = "breakwater.yaml")
    {
        var document = BoundedYaml.Load(yaml, out var problem);
        if (problem is not null)
        {
            throw new ConfigException($"{fileName} line {problem.Line}: {problem.Message}");
        }

        var reader = new YamlNodeReader(fileName);
        if (document is null or YamlScalarNode { Value: null or "" })
        {
            return new BreakwaterConfig { Path = fileName, Storage = DefaultStorage(fileName) };
        }

        var root = reader.Mapping(document, "the configuration");
        var settings = new DetectionSettings();
        YamlNode? networksNode = null;
        var groups = new Dictionary<string, HostGroup>(StringComparer.Ordinal);
        var collectors = new CollectorSettings();
        var events = new EventSettings();
        var outages = new OutageConfig();
        var api = new ApiSettings();
        var forensics = new ForensicsSettings();
        StorageSettings? storage = null;
        IReadOnlyList<AlertChannelSettings> alerts = [];
        var mitigationNodes = new MitigationNodes();
        foreach (var (key, value, _) in reader.Entries(root, "", TopLevelKeys))
        {
            switch (key)
            {
                case "networks":
                    networksNode = value;
                    break;
                case "groups":
                    ReadGroups(reader, value, groups, mitigationNodes.Groups);
                    break;
                case "detection":
                    settings = ReadDetection(reader, value, settings);
                    break;
                case "collectors":
                    collectors = ReadCollectors(reader, value);
                    break;
                case "events":
                    foreach (var (_, file, _) in reader.Entries(reader.Mapping(value, "events"), "events", EventKeys))
                    {
                        events = new EventSettings { File = ConfigFileText.CheckOutput(reader, file, "events.file", fileName) };
                    }

                    break;
                case "probes" or "vantage" or "reports":
                    outages = ReadOutages(reader, key, value, outages);
                    break;
                case "api":
                    api = ReadApi(reader, value);
                    break;
                case "geoip":
                    forensics = ReadGeoIp(reader, value, forensics);
                    break;
                case "intel":
                    forensics = ReadIntel(reader, value, forensics);
                    break;
                case "storage":
                    storage = ReadStorage(reader, value);
                    break;
                case "alerts":
                    alerts = ReadAlerts(reader, value);
                    break;
                case "bgp" or "mitigation":
                    mitigationNodes.Read(reader, key, value);
                    break;
                default:
                    break; // sections of later capabilities: validated by their own loaders.
            }
        }

        var networks = networksNode is null ? [] : ReadNetworks(reader, networksNode, groups);
        CheckAccessLogGroup(reader, collectors, groups);
        return new BreakwaterConfig
        {
            Path = fileName,
            Collectors = collectors,
            Events = events,
            Probes = outages.Probes,
            Vantage = outages.Vantage,
            Reports = outages.Reports,
            Api = api,
            Text = yaml,
            Forensics = forensics,
            Storage = storage ?? DefaultStorage(fileName),
            Alerts = alerts,
            Bgp = mitigationNodes.Bgp,
            Mitigation = mitigationNodes.Defaults,
            GroupMitigation = mitigationNodes.Overrides(reader),
            Detection = settings with
            {
                Networks = networks,
                Groups = groups,
                DefaultGroup = groups.TryGetValue("default", out var fallback) ? fallback : settings.DefaultGroup,
            },
        };
    }

    private static List<ProtectedNetwork> ReadNetworks(YamlNodeReader reader, YamlNode node, Dictionary<string, HostGroup> groups)
    {
        var list = new List<ProtectedNetwork>();
        var seen = new Dictionary<Prefix, long>();
        var sequence = reader.Sequence(node, "networks");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"networks[{i}]";
            var entry = reader.Mapping(sequence.Children[i], path);
            Prefix? prefix = null;
            var group = "default";
            foreach (var (key, value, _) in reader.Entries(entry, path, NetworkKeys))
            {
                if (key == "prefix")
                {
                    var text = reader.String(value, $"{path}.prefix");
                    prefix = PrefixRules.TryParse(text, out var parsed, out var why)
                        ? parsed
                        : throw reader.Error(value, $"{path}.prefix", why);
                    if (seen.TryGetValue(parsed, out var earlier))
                    {
                        throw reader.Error(value, $"{path}.prefix", $"{parsed} is already listed at line {earlier}; list each prefix once, with one group.");
                    }

                    seen[parsed] = value.Start.Line;
                }
                else
                {
                    group = reader.String(value, $"{path}.group");
                    if (!groups.ContainsKey(group) && group != "default")
                    {
                        var known = groups.Count == 0 ? "none are defined" : "defined groups are " + string.Join(", ", groups.Keys);
                        throw reader.Error(value, $"{path}.group", $"names group '{group}', which is not under 'groups' ({known}).");
                    }
                }
            }

            list.Add(new ProtectedNetwork(prefix ?? throw reader.Error(entry, path, "needs a 'prefix'."), group));
        }

        return list;
    }

    private static void ReadGroups(YamlNodeReader reader, YamlNode node, Dictionary<string, HostGroup> groups, Dictionary<string, YamlNode> mitigation)
    {
        foreach (var (keyNode, value) in reader.Mapping(node, "groups").Children)
        {
            var name = reader.String(keyNode, "a group name");
            var path = $"groups.{name}";
            var thresholds = Thresholds.Default;
            Thresholds? outgoing = null;
            foreach (var (key, child, _) in reader.Entries(reader.Mapping(value, path), path, GroupKeys))
            {
                if (key == "thresholds")
                {
                    thresholds = ReadThresholds(reader, child, $"{path}.thresholds");
                }
                else if (key == "mitigation")
                {
                    mitigation[name] = child;
                }
                else
                {
                    outgoing = ReadThresholds(reader, child, $"{path}.outgoing_thresholds");
                }
            }

            groups[name] = new HostGroup(name, thresholds) { OutgoingThresholds = outgoing };
        }
    }

    internal static Thresholds ReadThresholds(YamlNodeReader reader, YamlNode node, string path)
    {
        var t = new Thresholds();
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, ThresholdKeys))
        {
            var number = reader.PositiveNumber(value, $"{path}.{key}");
            t = key switch
            {
                "pps" => t with { Pps = number },
                "mbps" => t with { Mbps = number },
                "tcp_pps" => t with { TcpPps = number },
                "udp_pps" => t with { UdpPps = number },
                "icmp_pps" => t with { IcmpPps = number },
                "syn_pps" => t with { SynPps = number },
                "ack_pps" => t with { AckPps = number },
                "rst_pps" => t with { RstPps = number },
                "fin_pps" => t with { FinPps = number },
                "prefix_pps" => t with { PrefixPps = number },
                "prefix_mbps" => t with { PrefixMbps = number },
                "rps" => t with { Rps = number },
                "path_rps" => t with { PathRps = number },
                _ => t with { FragmentPps = number },
            };
        }

        return t;
    }

    private static CollectorSettings ReadCollectors(YamlNodeReader reader, YamlNode node)
    {
        var collectors = new CollectorSettings();
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "collectors"), "collectors", CollectorKeys))
        {
            var path = $"collectors.{key}";
            if (key == "access_log")
            {
                collectors = collectors with { AccessLog = ReadAccessLog(reader, value, path) };
                continue;
            }

            if (key == "pcap")
            {
                foreach (var (_, name, _) in reader.Entries(reader.Mapping(value, path), path, PcapKeys))
                {
                    collectors = collectors with { PcapInterface = reader.String(name, $"{path}.interface") };
                }

                continue;
            }

            var endpoints = new List<IPEndPoint>();
            foreach (var (_, listen, _) in reader.Entries(reader.Mapping(value, path), path, ListenKeys))
            {
                var list = reader.Sequence(listen, $"{path}.listen");
                foreach (var item in list.Children)
                {
                    var text = reader.String(item, $"{path}.listen");
                    endpoints.Add(IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0
                        ? endpoint
                        : throw reader.Error(item, $"{path}.listen", $"entries must be ADDRESS:PORT such as 127.0.0.1:6343 or [::1]:2055, got '{text}'."));
                }
            }

            collectors = key == "sflow" ? collectors with { SFlowListen = endpoints } : collectors with { NetFlowListen = endpoints };
        }

        return collectors;
    }

    private static DetectionSettings ReadDetection(YamlNodeReader reader, YamlNode node, DetectionSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "detection"), "detection", DetectionKeys))
        {
            var path = $"detection.{key}";
            settings = key switch
            {
                "trigger_seconds" => settings with { TriggerSeconds = reader.Integer(value, path, 1, 600) },
                "quiet_seconds" => settings with { QuietSeconds = reader.Integer(value, path, 1, 86_400) },
                "release_fraction" => settings with { ReleaseFraction = reader.Fraction(value, path) },
                "http_baseline" => settings with { HttpBaseline = ReadHttpBaseline(reader, value, path) },
                "baseline" => settings with { Baseline = ReadBaseline(reader, value) },
                _ => settings with { MaxTrackedTargets = reader.Integer(value, path, 1_024, 4_194_304) },
            };
        }

        return settings;
    }
}
