using System.Globalization;
using Breakwater.Core;
using Breakwater.Wire;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>mitigation</c> section and the <c>groups.NAME.mitigation</c> overrides (the same keys, each optional).</summary>
public static partial class ConfigLoader
{
    private static readonly string[] MitigationKeys = ["mode", "never", "max_active", "ttl", "min_prefix_length", "blackhole", "flowspec", "nftables"];
    private static readonly string[] PrefixLengthKeys = ["ipv4", "ipv6"];
    private static readonly string[] BlackholeKeys = ["communities", "next_hop", "next_hop6", "enabled", "above_pps", "above_mbps"];
    private static readonly string[] FlowSpecKeys = ["action", "max_collateral", "rate", "redirect", "dscp"];
    private static readonly string[] NftablesKeys = ["apply", "table", "netns"];

    internal static MitigationSettings ReadMitigationSection(YamlNodeReader reader, YamlNode node, string path, MitigationSettings settings) =>
        ReadMitigation(reader, node, path, settings);

    internal static BgpSettings ReadBgpSection(YamlNodeReader reader, YamlNode node) => ReadBgp(reader, node);

    private static MitigationSettings ReadMitigation(YamlNodeReader reader, YamlNode node, string path, MitigationSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, MitigationKeys))
        {
            var at = $"{path}.{key}";
            settings = key switch
            {
                "mode" => settings with
                {
                    Mode = reader.String(value, at) switch
                    {
                        "off" => MitigationMode.Off,
                        "dry-run" => MitigationMode.DryRun,
                        "approval" => MitigationMode.Approval,
                        "auto" => MitigationMode.Auto,
                        var other => throw reader.Error(value, at, $"must be off, dry-run, approval or auto, got '{other}'."),
                    },
                },
                "never" => settings with { Never = ReadPrefixList(reader, value, at) },
                "max_active" => settings with { MaxActive = reader.Integer(value, at, 1, 100_000) },
                "ttl" => settings with { Ttl = ConfigDurations.Read(reader, value, at, TimeSpan.FromSeconds(10), TimeSpan.FromDays(7)) },
                "min_prefix_length" => ReadPrefixLengths(reader, value, at, settings),
                "blackhole" => settings with { Blackhole = ReadBlackhole(reader, value, at, settings.Blackhole) },
                "flowspec" => settings with { FlowSpec = ReadFlowSpec(reader, value, at, settings.FlowSpec) },
                _ => settings with { Nftables = ReadNftables(reader, value, at, settings.Nftables) },
            };
        }

        if (settings.FlowSpec.Action == "rate-limit" && settings.FlowSpec.RateBytes <= 0)
        {
            throw reader.Error(node, $"{path}.flowspec.rate", "is required with action rate-limit: bytes per second, such as 125000.");
        }

        if (settings.FlowSpec.Action == "redirect" && settings.FlowSpec.Redirect is null)
        {
            throw reader.Error(node, $"{path}.flowspec.redirect", "is required with action redirect: a route target ASN:VALUE such as 65000:100.");
        }

        return settings;
    }

    private static List<Prefix> ReadPrefixList(YamlNodeReader reader, YamlNode node, string path)
    {
        var list = new List<Prefix>();
        foreach (var item in reader.Sequence(node, path).Children)
        {
            var text = reader.String(item, path);
            if (!text.Contains('/', StringComparison.Ordinal) && NetAddress.TryParse(text, out var host))
            {
                text += host.IsIPv4 ? "/32" : "/128";
            }

            list.Add(PrefixRules.TryParse(text, out var prefix, out var why) ? prefix : throw reader.Error(item, path, why));
        }

        return list;
    }

    private static MitigationSettings ReadPrefixLengths(YamlNodeReader reader, YamlNode node, string path, MitigationSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, PrefixLengthKeys))
        {
            settings = key == "ipv4"
                ? settings with { MinPrefixLengthV4 = reader.Integer(value, $"{path}.ipv4", 8, 32) }
                : settings with { MinPrefixLengthV6 = reader.Integer(value, $"{path}.ipv6", 16, 128) };
        }

        return settings;
    }

    private static BlackholeSettings ReadBlackhole(YamlNodeReader reader, YamlNode node, string path, BlackholeSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, BlackholeKeys))
        {
            var at = $"{path}.{key}";
            settings = key switch
            {
                "communities" => settings with { Communities = [.. reader.Sequence(value, at).Children.Select(c => ReadCommunity(reader, c, at))] },
                "next_hop" => settings with { NextHop = ReadNextHop(reader, value, at, v4: true) },
                "next_hop6" => settings with { NextHop6 = ReadNextHop(reader, value, at, v4: false) },
                "enabled" => settings with { Enabled = ReadBoolean(reader, value, at) },
                "above_pps" => settings with { AbovePps = reader.PositiveNumber(value, at) },
                _ => settings with { AboveMbps = reader.PositiveNumber(value, at) },
            };
        }

        return settings;
    }

    private static FlowSpecSettings ReadFlowSpec(YamlNodeReader reader, YamlNode node, string path, FlowSpecSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, FlowSpecKeys))
        {
            var at = $"{path}.{key}";
            settings = key switch
            {
                "action" => settings with
                {
                    Action = reader.String(value, at) switch
                    {
                        "discard" or "rate-limit" or "redirect" or "mark" => reader.String(value, at),
                        var other => throw reader.Error(value, at, $"must be discard, rate-limit, redirect or mark, got '{other}'."),
                    },
                },
                "max_collateral" => settings with { MaxCollateral = reader.Fraction(value, at) },
                "rate" => settings with { RateBytes = reader.PositiveNumber(value, at) },
                "redirect" => settings with { Redirect = ReadRouteTarget(reader, value, at) },
                _ => settings with { Dscp = reader.Integer(value, at, 0, 63) },
            };
        }

        return settings;
    }

    private static NftablesSettings ReadNftables(YamlNodeReader reader, YamlNode node, string path, NftablesSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, NftablesKeys))
        {
            var at = $"{path}.{key}";
            var text = key == "apply" ? null : reader.String(value, at);
            settings = key switch
            {
                "apply" => settings with { Apply = ReadBoolean(reader, value, at) },
                _ when !IsPlainName(text!) => throw reader.Error(value, at, $"must be a name of letters, digits, '-' and '_' (up to 32), got '{text}'."),
                "table" => settings with { Table = text! },
                _ => settings with { Netns = text },
            };
        }

        return settings;
    }

    private static bool IsPlainName(string text) =>
        text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static uint ReadCommunity(YamlNodeReader reader, YamlNode node, string path)
    {
        var text = reader.String(node, path);
        var parts = text.Split(':');
        return parts.Length == 2
            && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var asn)
            && ushort.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? ((uint)asn << 16) | value
            : throw reader.Error(node, path, $"entries must be ASN:VALUE with both parts 0–65535, such as 65535:666, got '{text}'.");
    }

    private static string ReadRouteTarget(YamlNodeReader reader, YamlNode node, string path)
    {
        var text = reader.String(node, path);
        var parts = text.Split(':');
        return parts.Length == 2
            && uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var asn)
            && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && (asn <= ushort.MaxValue || value <= ushort.MaxValue)
            ? text
            : throw reader.Error(node, path, $"must be ASN:VALUE (a 2-octet AS with a 4-octet value, or a 4-octet AS with a 2-octet value), got '{text}'.");
    }

    private static NetAddress ReadNextHop(YamlNodeReader reader, YamlNode node, string path, bool v4)
    {
        var text = reader.String(node, path);
        return NetAddress.TryParse(text, out var address) && address.IsIPv4 == v4
            ? address
            : throw reader.Error(node, path, v4 ? $"must be an IPv4 address, got '{text}'." : $"must be an IPv6 address, got '{text}'.");
    }
}
