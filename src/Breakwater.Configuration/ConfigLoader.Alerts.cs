using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>alerts</c> list: webhook, slack, smtp and script channels with rate limit, retries and timeout.</summary>
public static partial class ConfigLoader
{
    private static readonly string[] AlertTypes = ["webhook", "slack", "smtp", "script"];
    private static readonly string[] AlertEvents =
        ["incident.started", "incident.updated", "incident.ended", "mitigation.announced", "mitigation.withdrawn", "mitigation.pending"];
    private static readonly string[] CommonAlertKeys = ["type", "name", "events", "max_per_minute", "retries", "timeout"];
    private static readonly string[] SmtpTlsModes = ["none", "starttls", "tls", "auto"];

    private static readonly Dictionary<string, string[]> AlertKeys = new(StringComparer.Ordinal)
    {
        ["webhook"] = [.. CommonAlertKeys, "url", "headers"],
        ["slack"] = [.. CommonAlertKeys, "url"],
        ["smtp"] = [.. CommonAlertKeys, "host", "port", "tls", "from", "to", "username", "password"],
        ["script"] = [.. CommonAlertKeys, "path", "args"],
    };

    private static List<AlertChannelSettings> ReadAlerts(YamlNodeReader reader, YamlNode node)
    {
        var list = new List<AlertChannelSettings>();
        var sequence = reader.Sequence(node, "alerts");
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"alerts[{i}]";
            var entry = reader.Mapping(sequence.Children[i], path);
            var typeNode = entry.Children.FirstOrDefault(c => (c.Key as YamlScalarNode)?.Value == "type").Value
                ?? throw reader.Error(entry, path, $"needs a 'type': one of {string.Join(", ", AlertTypes)}.");
            var type = reader.String(typeNode, $"{path}.type");
            if (!AlertKeys.TryGetValue(type, out var allowed))
            {
                throw reader.Error(typeNode, $"{path}.type", $"must be one of {string.Join(", ", AlertTypes)}, got '{type}'.");
            }

            var channel = new AlertChannelSettings { Type = type, Name = $"{type}-{i}" };
            foreach (var (key, value, _) in reader.Entries(entry, path, allowed))
            {
                channel = ReadAlertKey(reader, channel, key, value, $"{path}.{key}");
            }

            list.Add(Validate(reader, channel, entry, path));
            if (list.Count(c => c.Name == channel.Name) > 1)
            {
                throw reader.Error(entry, $"{path}.name", $"'{channel.Name}' is used by another alert channel; names must be unique.");
            }
        }

        return list;
    }

    private static AlertChannelSettings ReadAlertKey(YamlNodeReader reader, AlertChannelSettings c, string key, YamlNode value, string path) => key switch
    {
        "type" => c,
        "name" => c with { Name = reader.String(value, path) },
        "events" => c with { Events = ReadAlertEvents(reader, value, path) },
        "max_per_minute" => c with { MaxPerMinute = reader.Integer(value, path, 1, 600) },
        "retries" => c with { Retries = reader.Integer(value, path, 0, 10) },
        "timeout" => c with { Timeout = ConfigDurations.Read(reader, value, path, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5)) },
        "url" => c with { Url = ReadAlertUrl(reader, value, path) },
        "headers" => c with { Headers = ReadHeaders(reader, value, path) },
        "host" => c with { Host = reader.String(value, path) },
        "port" => c with { Port = reader.Integer(value, path, 1, 65535) },
        "tls" => c with { Tls = SmtpTlsModes.Contains(reader.String(value, path)) ? reader.String(value, path)
            : throw reader.Error(value, path, $"must be one of {string.Join(", ", SmtpTlsModes)}, got '{reader.String(value, path)}'.") },
        "from" => c with { From = ReadMailAddress(reader, value, path) },
        "to" => c with { To = ReadStrings(reader, value, path).Select(s => CheckMailAddress(reader, value, path, s)).ToList() },
        "username" => c with { Username = reader.String(value, path) },
        "password" => c with { Password = value is YamlScalarNode { Value: { Length: > 0 } p } ? p : throw reader.Error(value, path, "must be a non-empty text value.") },
        "path" => c with { Path = reader.String(value, path) },
        _ => c with { Args = ReadStrings(reader, value, path) },
    };

    private static AlertChannelSettings Validate(YamlNodeReader reader, AlertChannelSettings c, YamlNode entry, string path)
    {
        switch (c.Type)
        {
            case "webhook" or "slack" when c.Url is null:
                throw reader.Error(entry, path, $"({c.Type}) needs a 'url' (http:// or https://).");
            case "smtp" when c.Host is null || c.From is null || c.To.Count == 0:
                throw reader.Error(entry, path, "(smtp) needs 'host', 'from' and 'to' (a list of addresses).");
            case "smtp" when (c.Username is null) != (c.Password is null):
                throw reader.Error(entry, path, "(smtp) needs both 'username' and 'password', or neither.");
            case "script" when c.Path is null:
                throw reader.Error(entry, path, "(script) needs a 'path' to the program to run.");
            default:
                return c;
        }
    }

    private static List<string> ReadAlertEvents(YamlNodeReader reader, YamlNode node, string path)
    {
        var events = ReadStrings(reader, node, path);
        foreach (var e in events)
        {
            if (!AlertEvents.Contains(e))
            {
                throw reader.Error(node, path, $"entries must be {string.Join(", ", AlertEvents)}, got '{e}'.");
            }
        }

        return events.Count > 0 ? events : throw reader.Error(node, path, "must name at least one event.");
    }

    private static Uri ReadAlertUrl(YamlNodeReader reader, YamlNode node, string path)
    {
        // The error never quotes the value: a Slack or webhook URL is itself the secret.
        return node is YamlScalarNode { Value: { } text } && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw reader.Error(node, path, "must be an absolute http:// or https:// URL.");
    }

    private static Dictionary<string, string> ReadHeaders(YamlNodeReader reader, YamlNode node, string path)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in reader.Mapping(node, path).Children)
        {
            var name = reader.String(keyNode, path);
            if (!name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
            {
                throw reader.Error(keyNode, path, $"header names are letters, digits and '-', got '{name}'.");
            }

            headers[name] = value is YamlScalarNode { Value: { } v } && !v.Contains('\n', StringComparison.Ordinal)
                ? v
                : throw reader.Error(value, $"{path}.{name}", "must be one line of text.");
        }

        return headers;
    }

    private static List<string> ReadStrings(YamlNodeReader reader, YamlNode node, string path) =>
        node is YamlScalarNode
            ? [reader.String(node, path)]
            : [.. reader.Sequence(node, path).Children.Select(child => reader.String(child, path))];

    private static string ReadMailAddress(YamlNodeReader reader, YamlNode node, string path) => CheckMailAddress(reader, node, path, reader.String(node, path));

    private static string CheckMailAddress(YamlNodeReader reader, YamlNode node, string path, string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 && !text.Any(char.IsWhiteSpace)
            ? text
            : throw reader.Error(node, path, string.Create(CultureInfo.InvariantCulture, $"must be a mail address such as noc@example.net, got '{text}'."));
    }
}
