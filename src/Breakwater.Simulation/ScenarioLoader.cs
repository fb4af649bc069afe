using System.Globalization;
using Breakwater.Core;
using Breakwater.Yaml;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Simulation;

/// <summary>Reads and validates a scenario YAML file (format: docs/simulate.md).</summary>
internal static partial class ScenarioLoader
{
    public const long MaxPps = 20_000_000;
    private static readonly DateTimeOffset DefaultStart = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Prefix DefaultServerPrefix = Prefix.Parse("198.51.100.0/24");

    /// <summary>pcap stores seconds as an unsigned 32-bit number: times from 1970 to 2106-02-07T06:28:15Z.</summary>
    private static readonly DateTimeOffset LastPcapTime = DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue);

    public static Scenario Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ScenarioException($"{path} is a directory; give a scenario YAML file (see samples/).");
        }

        string text;
        try
        {
            if (new FileInfo(path).Length > BoundedYaml.MaxChars)
            {
                throw new ScenarioException($"{path}: a scenario is at most {BoundedYaml.MaxChars:N0} bytes; is this the right file?");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}", ex);
        }

        return Parse(text, path);
    }

    public static Scenario Parse(string text, string path)
    {
        var document = BoundedYaml.Load(text, out var problem);
        if (problem is not null)
        {
            throw new ScenarioException($"{path}:{problem.Line.ToString(CultureInfo.InvariantCulture)}: {problem.Message}");
        }

        if (document is null)
        {
            throw new ScenarioException($"{path}:1:1: the scenario is empty; it needs at least 'scenario:' and 'attacks:' or 'background:'.");
        }

        var yaml = new YamlReader(path);
        var root = yaml.Mapping(document, "the scenario");
        yaml.CheckKeys(root, "the scenario", "scenario", "seed", "start", "link", "timestamps", "duration", "background", "attacks");
        var name = yaml.Scalar(yaml.Require(root, "scenario", "the scenario"), "scenario");
        var seed = YamlReader.Get(root, "seed") is { } seedNode ? (ulong)yaml.Number(seedNode, "seed", 0, long.MaxValue) : 1UL;
        var start = DefaultStart;
        if (YamlReader.Get(root, "start") is { } startNode)
        {
            var startText = yaml.Scalar(startNode, "start");
            if (!DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out start))
            {
                throw yaml.Error(startNode, $"start is '{startText}'; allowed: an RFC 3339 time like 2025-03-10T09:00:00Z.");
            }
        }

        var link = YamlReader.Get(root, "link") is { } linkNode
            ? yaml.Scalar(linkNode, "link") switch
            {
                "ethernet" => SimLinkType.Ethernet,
                "raw" => SimLinkType.Raw,
                var other => throw yaml.Error(linkNode, $"link is '{other}'; allowed: ethernet, raw."),
            }
            : SimLinkType.Ethernet;
        var resolution = YamlReader.Get(root, "timestamps") is { } tsNode
            ? yaml.Scalar(tsNode, "timestamps") switch
            {
                "us" or "µs" or "microseconds" => TimestampResolution.Microseconds,
                "ns" or "nanoseconds" => TimestampResolution.Nanoseconds,
                var other => throw yaml.Error(tsNode, $"timestamps is '{other}'; allowed: us, ns."),
            }
            : TimestampResolution.Microseconds;

        var attacks = new List<AttackSpec>();
        if (YamlReader.Get(root, "attacks") is { } attacksNode && attacksNode is not YamlScalarNode { Value: null or "" or "[]" })
        {
            foreach (var node in yaml.Sequence(attacksNode, "attacks"))
            {
                var attack = ParseAttack(yaml, node, start, attacks.Count);
                if (attacks.Any(a => a.Name == attack.Name))
                {
                    throw yaml.Error(node, $"attack name '{attack.Name}' is used twice; names must be unique.");
                }

                attacks.Add(attack);
            }
        }

        long duration;
        if (YamlReader.Get(root, "duration") is { } durationNode)
        {
            duration = yaml.DurationNs(durationNode, "duration");
            if (attacks.FirstOrDefault(a => a.StartNs + a.DurationNs > duration) is { } late)
            {
                throw yaml.Error(durationNode, $"duration {yaml.Scalar(durationNode, "duration")} ends before attack '{late.Name}' does; allowed: at least {TimeSpan.FromTicks((late.StartNs + late.DurationNs) / 100)}.");
            }
        }
        else
        {
            duration = attacks.Count > 0 ? attacks.Max(a => a.StartNs + a.DurationNs) + 10_000_000_000L : 60_000_000_000L;
        }

        BackgroundSpec? background = null;
        if (YamlReader.Get(root, "background") is { } backgroundNode)
        {
            background = ParseBackground(yaml, backgroundNode, start, duration);
            if (YamlReader.Get(root, "duration") is null && background.Spans.Count > 0)
            {
                duration = Math.Max(duration, background.Spans.Max(s => s.EndNs));
            }
        }

        if (attacks.Count == 0 && background is null)
        {
            throw yaml.Error(root, "the scenario has neither 'attacks' nor 'background'; add at least one.");
        }

        if (start < DateTimeOffset.UnixEpoch || (LastPcapTime - start).Ticks / 10_000_000.0 < duration / 1e9)
        {
            throw yaml.Error(YamlReader.Get(root, "start") ?? root,
                $"the scenario runs from {start:yyyy-MM-dd'T'HH:mm:ss'Z'} for {TimeSpan.FromTicks(Math.Min(duration / 100, TimeSpan.MaxValue.Ticks))}; pcap timestamps hold 1970-01-01 to 2106-02-07, so choose a start and duration within them.");
        }

        return new Scenario(name, seed, start, link, resolution, background, attacks) { DurationNs = duration };
    }

    private static BackgroundSpec ParseBackground(YamlReader yaml, YamlNode node, DateTimeOffset start, long duration)
    {
        var map = yaml.Mapping(node, "background");
        yaml.CheckKeys(map, "background", "pps", "clients", "servers", "prefix", "spans", "mix");
        var pps = yaml.Number(yaml.Require(map, "pps", "background"), "background pps", 0, 1_000_000);
        var clients = YamlReader.Get(map, "clients") is { } c ? yaml.Integer(c, "background clients", 1, 1_000_000) : 200;
        var servers = YamlReader.Get(map, "servers") is { } s ? yaml.Integer(s, "background servers", 1, 200) : 20;
        var prefix = DefaultServerPrefix;
        if (YamlReader.Get(map, "prefix") is { } prefixNode)
        {
            var text = yaml.Scalar(prefixNode, "background prefix");
            if (!Prefix.TryParse(text, out prefix) || !prefix.IsIPv4 || prefix.Length > 24)
            {
                throw yaml.Error(prefixNode, $"background prefix is '{text}'; allowed: an IPv4 prefix of /24 or wider, like 198.51.100.0/24.");
            }
        }

        var spans = new List<(long, long)>();
        if (YamlReader.Get(map, "spans") is { } spansNode)
        {
            foreach (var spanNode in yaml.Sequence(spansNode, "background spans"))
            {
                var span = yaml.Mapping(spanNode, "a background span");
                yaml.CheckKeys(span, "a background span", "start", "duration", "end");
                var from = Offset(yaml, yaml.Require(span, "start", "a background span"), start, "span start");
                long to;
                if (YamlReader.Get(span, "duration") is { } d)
                {
                    to = from + yaml.DurationNs(d, "span duration");
                }
                else
                {
                    to = Offset(yaml, yaml.Require(span, "end", "a background span (or 'duration')"), start, "span end");
                }

                if (to <= from || (spans.Count > 0 && from < spans[^1].Item2))
                {
                    throw yaml.Error(spanNode, "background spans must have end after start and be listed in time order without overlap.");
                }

                spans.Add((from, to));
            }
        }
        else
        {
            spans.Add((0, duration));
        }

        var result = new BackgroundSpec(pps, clients, servers, prefix, spans);
        if (YamlReader.Get(map, "mix") is { } mixNode)
        {
            var mix = yaml.Mapping(mixNode, "background mix");
            yaml.CheckKeys(mix, "background mix", "web", "dns", "quic", "icmp");
            double Share(string key, double fallback) => YamlReader.Get(mix, key) is { } n ? yaml.Number(n, $"mix {key}", 0, 1000) : fallback;
            result = result with { Web = Share("web", 0), Dns = Share("dns", 0), Quic = Share("quic", 0), Icmp = Share("icmp", 0) };
            if (result.Web + result.Dns + result.Quic + result.Icmp <= 0)
            {
                throw yaml.Error(mixNode, "background mix needs at least one positive share among web, dns, quic, icmp.");
            }
        }

        return result;
    }

    /// <summary>An offset from the scenario start: a duration ("45m") or an absolute RFC 3339 time.</summary>
    private static long Offset(YamlReader yaml, YamlNode node, DateTimeOffset scenarioStart, string what)
    {
        var text = yaml.Scalar(node, what);
        if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var offset = (at - scenarioStart).Ticks * 100;
            return offset >= 0 ? offset : throw yaml.Error(node, $"{what} {text} is before the scenario start {scenarioStart:O}.");
        }

        return yaml.DurationNs(node, what);
    }
}
