using System.Globalization;
using Breakwater.Core;
using Breakwater.Wire;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Simulation;

/// <summary>Reads and validates a scenario YAML file (format: docs/simulate.md).</summary>
internal static class ScenarioLoader
{
    public const long MaxPps = 20_000_000;
    private static readonly DateTimeOffset DefaultStart = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Prefix DefaultServerPrefix = Prefix.Parse("198.51.100.0/24");

    public static Scenario Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    public static Scenario Parse(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ScenarioException($"{path}:{ex.Start.Line.ToString(CultureInfo.InvariantCulture)}:{ex.Start.Column.ToString(CultureInfo.InvariantCulture)}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ScenarioException($"{path}:1:1: the scenario is empty; it needs at least 'scenario:' and 'attacks:' or 'background:'.");
        }

        var yaml = new YamlReader(path);
        var root = yaml.Mapping(stream.Documents[0].RootNode, "the scenario");
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

    private static AttackSpec ParseAttack(YamlReader yaml, YamlNode node, DateTimeOffset scenarioStart, int index)
    {
        var map = yaml.Mapping(node, "an attack");
        yaml.CheckKeys(map, "an attack", "name", "target", "hosts", "start", "duration", "pps", "ramp", "vectors", "sources", "payload", "ttl", "mirai");
        var name = YamlReader.Get(map, "name") is { } n ? yaml.Scalar(n, "attack name") : $"attack{(index + 1).ToString(CultureInfo.InvariantCulture)}";
        var section = $"attack '{name}'";
        var targetNode = yaml.Require(map, "target", section);
        var targetText = yaml.Scalar(targetNode, "target");
        Prefix? targetPrefix = null;
        List<NetAddress> targets;
        if (targetText.Contains('/', StringComparison.Ordinal))
        {
            if (!Prefix.TryParse(targetText, out var prefix))
            {
                throw yaml.Error(targetNode, $"target is '{targetText}'; allowed: an IPv4 or IPv6 address, or a prefix like 198.51.100.0/24.");
            }

            targetPrefix = prefix;
            var hostBits = prefix.IsIPv4 ? 32 - prefix.Length : 128 - prefix.Length;
            var available = hostBits >= 16 ? 65534UL : (1UL << hostBits) - (prefix.IsIPv4 && hostBits >= 2 ? 2UL : 0UL);
            var hosts = YamlReader.Get(map, "hosts") is { } h
                ? yaml.Integer(h, "hosts", 1, (int)Math.Min(available, 65534))
                : (int)Math.Min(available, 254);
            var first = prefix.IsIPv4 && hostBits >= 2 ? 1UL : 0UL;
            targets = [.. Enumerable.Range(0, hosts).Select(i => AddressSpace.Host(prefix, first + (ulong)i))];
        }
        else
        {
            if (!NetAddress.TryParse(targetText, out var address))
            {
                throw yaml.Error(targetNode, $"target is '{targetText}'; allowed: an IPv4 or IPv6 address, or a prefix like 198.51.100.0/24.");
            }

            targets = [address];
        }

        var startOffset = Offset(yaml, yaml.Require(map, "start", section), scenarioStart, "attack start");
        var duration = yaml.DurationNs(yaml.Require(map, "duration", section), "attack duration");
        if (duration <= 0)
        {
            throw yaml.Error(yaml.Require(map, "duration", section), "attack duration must be positive.");
        }

        var pps = yaml.Number(yaml.Require(map, "pps", section), "attack pps", 1, MaxPps);
        var ramp = YamlReader.Get(map, "ramp") is { } r ? yaml.DurationNs(r, "ramp") : 0;
        var mirai = YamlReader.Get(map, "mirai") is { } m && yaml.Boolean(m, "mirai");
        (int, int)? payload = YamlReader.Get(map, "payload") is { } p ? PayloadRange(yaml, p) : null;

        var vectors = new List<VectorSpec>();
        var vectorsNode = yaml.Require(map, "vectors", section);
        foreach (var vectorNode in yaml.Sequence(vectorsNode, "vectors"))
        {
            vectors.Add(ParseVector(yaml, vectorNode, mirai));
        }

        if (vectors.Count == 0)
        {
            throw yaml.Error(vectorsNode, $"{section} needs at least one vector; allowed: {string.Join(", ", VectorCatalog.Names)}.");
        }

        var sources = ParseSources(yaml, YamlReader.Get(map, "sources"), targets[0].IsIPv4, section);
        var ttl = TtlMode.Fixed;
        byte fixedTtl = 64;
        if (YamlReader.Get(map, "ttl") is { } ttlNode)
        {
            var ttlText = yaml.Scalar(ttlNode, "ttl");
            if (ttlText == "random")
            {
                ttl = TtlMode.Random;
            }
            else if (ttlText == "per-source")
            {
                ttl = TtlMode.PerSource;
            }
            else
            {
                fixedTtl = (byte)yaml.Integer(ttlNode, "ttl (random, per-source or a number)", 1, 255);
            }
        }
        else
        {
            ttl = sources.Spoofed ? TtlMode.Random : TtlMode.PerSource;
        }

        return new AttackSpec(name, targetText, targets, startOffset, duration, pps, ramp, vectors, sources)
        {
            TargetPrefix = targetPrefix,
            Payload = payload,
            Ttl = ttl,
            FixedTtl = fixedTtl,
        };
    }

    private static VectorSpec ParseVector(YamlReader yaml, YamlNode node, bool attackMirai)
    {
        if (node is YamlScalarNode)
        {
            return new VectorSpec(VectorName(yaml, node, out var scalarKind), scalarKind, 1.0) { Mirai = attackMirai };
        }

        var map = yaml.Mapping(node, "a vector");
        yaml.CheckKeys(map, "a vector", "name", "weight", "mirai", "ports", "payload", "variant", "zone");
        var nameNode = yaml.Require(map, "name", "a vector");
        var name = VectorName(yaml, nameNode, out var kind);
        var weight = YamlReader.Get(map, "weight") is { } w ? yaml.Number(w, "vector weight", 0.0001, 1e6) : 1.0;
        var ports = new List<ushort>();
        if (YamlReader.Get(map, "ports") is { } portsNode)
        {
            if (portsNode is YamlScalarNode)
            {
                ports.Add((ushort)yaml.Integer(portsNode, "port", 1, 65535));
            }
            else
            {
                ports.AddRange(yaml.Sequence(portsNode, "ports").Select(p => (ushort)yaml.Integer(p, "port", 1, 65535)));
            }
        }

        var greEthernet = false;
        if (YamlReader.Get(map, "variant") is { } variantNode)
        {
            greEthernet = yaml.Scalar(variantNode, "variant") switch
            {
                "ip" or "greip" when kind == VectorKind.GreFlood => false,
                "eth" or "greeth" when kind == VectorKind.GreFlood => true,
                var other => throw yaml.Error(variantNode, $"variant '{other}' is not known for {name}; allowed: ip, eth (gre_flood only)."),
            };
        }

        return new VectorSpec(name, kind, weight)
        {
            Mirai = YamlReader.Get(map, "mirai") is { } m ? yaml.Boolean(m, "mirai") : attackMirai,
            Ports = ports,
            Payload = YamlReader.Get(map, "payload") is { } p ? PayloadRange(yaml, p) : null,
            GreEthernet = greEthernet,
            Zone = YamlReader.Get(map, "zone") is { } z ? Zone(yaml, z) : "victim-zone.example",
        };
    }

    private static string VectorName(YamlReader yaml, YamlNode node, out VectorKind kind)
    {
        var name = yaml.Scalar(node, "vector name");
        return VectorCatalog.TryGet(name, out kind)
            ? name
            : throw yaml.Error(node, $"unknown vector '{name}'; allowed: {string.Join(", ", VectorCatalog.Names)}.");
    }

    private static string Zone(YamlReader yaml, YamlNode node)
    {
        var zone = yaml.Scalar(node, "zone").TrimEnd('.');
        if (zone.Length > 200 || zone.Split('.').Any(l => l.Length is 0 or > 63 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw yaml.Error(node, $"zone '{zone}' is not a DNS name; allowed: labels of letters, digits and '-', like victim-zone.example.");
        }

        return zone;
    }

    private static (int, int) PayloadRange(YamlReader yaml, YamlNode node)
    {
        const int max = 8000;
        if (node is YamlSequenceNode list && list.Children.Count == 2)
        {
            var min = yaml.Integer(list.Children[0], "payload min", 0, max);
            var high = yaml.Integer(list.Children[1], "payload max", min, max);
            return (min, high);
        }

        var value = yaml.Integer(node, "payload (bytes, or [min, max])", 0, max);
        return (value, value);
    }

    private static SourceSpec ParseSources(YamlReader yaml, YamlNode? node, bool ipv4Target, string section)
    {
        if (node is null)
        {
            return new SourceSpec(Spoofed: true, Bots: 0);
        }

        var map = yaml.Mapping(node, "sources");
        yaml.CheckKeys(map, "sources", "spoofed", "bots", "prefixes", "countries");
        var spoofed = YamlReader.Get(map, "spoofed") is { } s && yaml.Boolean(s, "spoofed");
        var botsNode = YamlReader.Get(map, "bots");
        if (spoofed == (botsNode is not null))
        {
            throw yaml.Error(node, $"sources of {section} need exactly one of 'spoofed: true' or 'bots: N'.");
        }

        if (spoofed)
        {
            return new SourceSpec(Spoofed: true, Bots: 0);
        }

        var bots = yaml.Integer(botsNode!, "bots", 1, 5_000_000);
        var prefixes = new List<Prefix>();
        if (YamlReader.Get(map, "prefixes") is { } prefixesNode)
        {
            foreach (var p in yaml.Sequence(prefixesNode, "prefixes"))
            {
                var text = yaml.Scalar(p, "prefix");
                if (!Prefix.TryParse(text, out var prefix))
                {
                    throw yaml.Error(p, $"prefix '{text}' is not valid; allowed: a prefix like 177.0.0.0/10 or 2001:db8::/32.");
                }

                prefixes.Add(prefix);
            }
        }

        if (YamlReader.Get(map, "countries") is { } countriesNode)
        {
            foreach (var c in yaml.Sequence(countriesNode, "countries"))
            {
                var code = yaml.Scalar(c, "country");
                if (!CountryPrefixes.TryGet(code, out var blocks))
                {
                    throw yaml.Error(c, $"country '{code}' has no built-in prefixes; allowed: {string.Join(", ", CountryPrefixes.Codes)} (or list 'prefixes').");
                }

                prefixes.AddRange(blocks);
            }
        }

        if (prefixes.Count > 0 && !prefixes.Any(p => p.IsIPv4 == ipv4Target))
        {
            throw yaml.Error(node, $"sources of {section} list only {(ipv4Target ? "IPv6" : "IPv4")} prefixes for an {(ipv4Target ? "IPv4" : "IPv6")} target; add prefixes of the target's family.");
        }

        return new SourceSpec(Spoofed: false, bots) { Prefixes = prefixes };
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
