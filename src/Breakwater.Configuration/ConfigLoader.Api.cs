using System.Net;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>api</c> section: <c>listen</c>, <c>tokens</c> and <c>metrics_public</c>.</summary>
public static partial class ConfigLoader
{
    /// <summary>Shortest token accepted: 16 characters (about 96 bits when random); shorter ones are guessable.</summary>
    public const int MinTokenLength = 16;

    private static readonly string[] ApiKeys = ["listen", "tokens", "metrics_public"];
    private static readonly string[] TokenKeys = ["name", "token", "role"];

    private static ApiSettings ReadApi(YamlNodeReader reader, YamlNode node)
    {
        var api = new ApiSettings();
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "api"), "api", ApiKeys))
        {
            switch (key)
            {
                case "listen":
                    var text = reader.String(value, "api.listen");
                    api = api with
                    {
                        Listen = IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal)
                            ? endpoint
                            : throw reader.Error(value, "api.listen", $"must be ADDRESS:PORT such as 127.0.0.1:8080 or [::1]:8080, got '{text}'."),
                    };
                    break;
                case "tokens":
                    api = api with { Tokens = ReadTokens(reader, value) };
                    break;
                default:
                    api = api with { MetricsPublic = ReadBoolean(reader, value, "api.metrics_public") };
                    break;
            }
        }

        return api;
    }

    private static List<ApiToken> ReadTokens(YamlNodeReader reader, YamlNode node)
    {
        var tokens = new List<ApiToken>();
        var sequence = reader.Sequence(node, "api.tokens");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"api.tokens[{i}]";
            var entry = reader.Mapping(sequence.Children[i], path);
            string? name = null;
            string? token = null;
            var role = ApiRole.Read;
            foreach (var (key, value, _) in reader.Entries(entry, path, TokenKeys))
            {
                switch (key)
                {
                    case "name":
                        name = reader.String(value, $"{path}.name");
                        break;
                    case "token":
                        // The error never quotes the value: it is a secret even when it is too short.
                        token = value is YamlScalarNode { Value: { Length: >= MinTokenLength } t } && !t.Any(char.IsWhiteSpace)
                            ? t
                            : throw reader.Error(value, $"{path}.token", $"must be at least {MinTokenLength} characters without spaces (e.g. from 'openssl rand -hex 24').");
                        break;
                    default:
                        var text = reader.String(value, $"{path}.role");
                        role = text switch
                        {
                            "read" => ApiRole.Read,
                            "admin" => ApiRole.Admin,
                            _ => throw reader.Error(value, $"{path}.role", $"must be read or admin, got '{text}'."),
                        };
                        break;
                }
            }

            if (name is null || token is null)
            {
                throw reader.Error(entry, path, name is null
                    ? "needs a 'name' (who holds the token; logs show the name, never the token)."
                    : "needs a 'token'.");
            }
            if (tokens.Any(t => t.Name == name))
            {
                throw reader.Error(entry, $"{path}.name", $"'{name}' is used by another token; names must be unique.");
            }

            if (tokens.Any(t => t.Token == token))
            {
                throw reader.Error(entry, $"{path}.token", "is the same as another token's; every token must be different.");
            }

            tokens.Add(new ApiToken(name, token, role));
        }

        return tokens;
    }

    private static bool ReadBoolean(YamlNodeReader reader, YamlNode node, string keyPath) =>
        (node as YamlScalarNode)?.Value switch
        {
            "true" => true,
            "false" => false,
            var other => throw reader.Error(node, keyPath, $"must be true or false, got '{other}'."),
        };
}
