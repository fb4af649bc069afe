using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>Typed reads of YAML nodes whose errors name the file, the line, the key path and what is allowed.</summary>
internal sealed class YamlNodeReader(string fileName)
{
    public string FileName { get; } = fileName;

    public ConfigException Error(YamlNode node, string keyPath, string problem) =>
        new($"{FileName} line {node.Start.Line}: {keyPath} {problem}");

    public YamlMappingNode Mapping(YamlNode node, string keyPath) =>
        node as YamlMappingNode ?? throw Error(node, keyPath, "must be a mapping (key: value lines).");

    public YamlSequenceNode Sequence(YamlNode node, string keyPath) =>
        node as YamlSequenceNode ?? throw Error(node, keyPath, "must be a list (lines starting with '- ').");

    public string String(YamlNode node, string keyPath) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(node, keyPath, "must be a non-empty text value.");

    public double PositiveNumber(YamlNode node, string keyPath)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        throw Error(node, keyPath, $"must be a positive number, got '{Describe(node)}'.");
    }

    public int Integer(YamlNode node, string keyPath, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        throw Error(node, keyPath, $"must be a whole number from {min} to {max}, got '{Describe(node)}'.");
    }

    public double Fraction(YamlNode node, string keyPath)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value > 0 && value <= 1)
        {
            return value;
        }

        throw Error(node, keyPath, $"must be a number greater than 0 and at most 1, got '{Describe(node)}'.");
    }

    /// <summary>Yields the entries of a mapping, rejecting keys not in <paramref name="allowed"/>.</summary>
    public IEnumerable<(string Key, YamlNode Value, YamlNode KeyNode)> Entries(YamlMappingNode mapping, string keyPath, IReadOnlyCollection<string> allowed)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
            {
                var where = keyPath.Length == 0 ? "top level" : keyPath;
                throw new ConfigException(
                    $"{FileName} line {keyNode.Start.Line}: unknown key '{key}' at {where}; allowed keys are {string.Join(", ", allowed)}.");
            }

            yield return (key, value, keyNode);
        }
    }

    private static string Describe(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : node.NodeType.ToString().ToLowerInvariant();
}
