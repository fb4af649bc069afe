using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>
/// The configuration as JSON for <c>GET /api/v1/config</c>, with every secret replaced by <c>"[redacted]"</c>: API tokens,
/// passwords, connection strings (they carry passwords) and alert URLs (a Slack or webhook URL is itself the secret).
/// Keys are matched by name at any depth, so sections added later are covered when they use these names.
/// </summary>
public static class ConfigRedactor
{
    public const string Redacted = "[redacted]";

    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "password", "secret", "connection", "connection_string", "api_key", "url", "key", "community_secret",
    };

    /// <summary>Returns the redacted JSON tree of <paramref name="yaml"/> (an empty object for an empty file).</summary>
    public static JsonObject ToJson(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return [];
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count > 0 && Convert(stream.Documents[0].RootNode, secret: false) is JsonObject root ? root : [];
    }

    private static JsonNode? Convert(YamlNode node, bool secret)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    obj[name] = Convert(value, secret || SecretKeys.Contains(name));
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, secret));
                }

                return array;
            case YamlScalarNode scalar when secret:
                return scalar.Value is null or "" ? null : JsonValue.Create(Redacted);
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            null or "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
