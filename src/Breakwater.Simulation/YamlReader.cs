using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Simulation;

/// <summary>Typed reads from a YAML tree whose errors name the file, line and column, and what is allowed.</summary>
internal sealed partial class YamlReader(string path)
{
    public string Path { get; } = path;

    public ScenarioException Error(YamlNode node, string message) =>
        new($"{Path}:{node.Start.Line.ToString(CultureInfo.InvariantCulture)}:{node.Start.Column.ToString(CultureInfo.InvariantCulture)}: {message}");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value lines).");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list (lines starting with '- ').");

    public void CheckKeys(YamlMappingNode map, string section, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown key '{name}' in {section}; allowed: {string.Join(", ", allowed)}.");
            }
        }
    }

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public YamlNode Require(YamlMappingNode map, string key, string section) =>
        Get(map, key) ?? throw Error(map, $"{section} needs '{key}'.");

    public string Scalar(YamlNode node, string what) =>
        (node as YamlScalarNode)?.Value is { Length: > 0 } text ? text : throw Error(node, $"{what} must be a single value.");

    public double Number(YamlNode node, string what, double min, double max)
    {
        var text = Scalar(node, what).Replace("_", "", StringComparison.Ordinal);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            throw Error(node, $"{what} is '{text}'; allowed: a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    public int Integer(YamlNode node, string what, int min, int max)
    {
        var value = Number(node, what, min, max);
        return value == Math.Floor(value) ? (int)value : throw Error(node, $"{what} must be a whole number from {min} to {max}.");
    }

    public bool Boolean(YamlNode node, string what) => Scalar(node, what).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error(node, $"{what} is '{other}'; allowed: true, false."),
    };

    /// <summary>Durations: "90s", "5m", "1h30m", "250ms", "1.5s", "00:45:00", or a plain number of seconds.</summary>
    public long DurationNs(YamlNode node, string what)
    {
        var ns = ParseDurationNs(node, what);
        return double.IsFinite(ns) && ns <= MaxDurationNs
            ? (long)ns
            : throw Error(node, $"{what} is '{Scalar(node, what).Trim()}'; allowed: a duration of at most 10 years (pcap timestamps end in 2106).");
    }

    /// <summary>Ten years: far beyond any scenario, and far below where nanosecond counts overflow.</summary>
    private const double MaxDurationNs = 10 * 365.25 * 86400e9;

    private double ParseDurationNs(YamlNode node, string what)
    {
        var text = Scalar(node, what).Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return seconds * 1e9;
        }

        if (TimeSpan.TryParseExact(text, [@"hh\:mm\:ss", @"hh\:mm\:ss\.FFFFFFF", @"h\:mm\:ss"], CultureInfo.InvariantCulture, out var span))
        {
            return span.Ticks * 100.0;
        }

        var match = DurationPattern().Match(text);
        if (match.Success && match.Length == text.Length)
        {
            double total = 0;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unitMatch = UnitPattern().Match(part.Value);
                var value = double.Parse(unitMatch.Groups[1].Value, CultureInfo.InvariantCulture);
                total += unitMatch.Groups[2].Value switch
                {
                    "ms" => value * 1e6,
                    "s" => value * 1e9,
                    "m" => value * 60e9,
                    "h" => value * 3600e9,
                    _ => value * 86400e9,
                };
            }

            return total;
        }

        throw Error(node, $"{what} is '{text}'; allowed: a duration like 90s, 5m, 1h30m, 250ms, 00:45:00 or a number of seconds.");
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitPattern();
}
