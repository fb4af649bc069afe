using System.Globalization;
using Breakwater.Core;
using Breakwater.Wire;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Simulation;

/// <summary>The attacks section: targets, vectors and sources.</summary>
internal static partial class ScenarioLoader
{
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
}
