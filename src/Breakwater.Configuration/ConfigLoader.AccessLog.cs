using Breakwater.Core;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>collectors.access_log</c> section and <c>detection.http_baseline</c> (docs/configuration.md).</summary>
public static partial class ConfigLoader
{
    private static readonly string[] AccessLogKeys = ["paths", "format", "service", "group", "from_start"];
    private static readonly string[] AccessLogFormats = ["auto", "combined", "json", "caddy"];
    private static readonly string[] HttpBaselineKeys = ["enabled", "sensitivity", "min_rps", "warmup"];

    private static AccessLogCollectorSettings ReadAccessLog(YamlNodeReader reader, YamlNode node, string path)
    {
        var settings = new AccessLogCollectorSettings();
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, AccessLogKeys))
        {
            var keyPath = $"{path}.{key}";
            switch (key)
            {
                case "paths":
                    settings = settings with { Paths = LogPaths(reader, value, keyPath) };
                    break;
                case "format":
                    var format = reader.String(value, keyPath);
                    settings = AccessLogFormats.Contains(format)
                        ? settings with { Format = format }
                        : throw reader.Error(value, keyPath, $"must be one of {string.Join(", ", AccessLogFormats)}, got '{format}'.");
                    break;
                case "service":
                    settings = settings with { Service = reader.String(value, keyPath) };
                    break;
                case "group":
                    settings = settings with { Group = reader.String(value, keyPath), GroupLine = value.Start.Line };
                    break;
                default:
                    settings = settings with { FromStart = ReadBool(reader, value, keyPath) };
                    break;
            }
        }

        return settings.Paths.Count > 0
            ? settings
            : throw reader.Error(node, $"{path}.paths", "is required: list the access log files to follow, e.g. paths: [/var/log/nginx/access.log].");
    }

    /// <summary>The collector's <c>group</c> must be one of <c>groups</c> (or <c>default</c>).</summary>
    private static void CheckAccessLogGroup(YamlNodeReader reader, CollectorSettings collectors, Dictionary<string, HostGroup> groups)
    {
        if (collectors.AccessLog is { Group: { } group } log && group != "default" && !groups.ContainsKey(group))
        {
            var known = groups.Count == 0 ? "none is defined" : string.Join(", ", groups.Keys);
            throw new ConfigException($"{reader.FileName} line {log.GroupLine}: collectors.access_log.group names group '{group}', which is not under 'groups' ({known}).");
        }
    }

    /// <summary>One path or a list; relative paths are taken from the configuration's folder. The files need not exist yet.</summary>
    private static List<string> LogPaths(YamlNodeReader reader, YamlNode node, string keyPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(reader.FileName)) ?? ".";
        var items = node is YamlSequenceNode list ? list.Children : [node];
        var paths = new List<string>();
        foreach (var item in items)
        {
            var text = reader.String(item, keyPath);
            var full = Path.IsPathRooted(text) ? text : Path.GetFullPath(Path.Combine(folder, text));
            if (Directory.Exists(full))
            {
                throw reader.Error(item, keyPath, $"names '{text}', which is a directory; give the path of a log file.");
            }

            paths.Add(full);
        }

        return paths.Count > 0 ? paths : throw reader.Error(node, keyPath, "must list at least one log file.");
    }

    private static HttpBaselineSettings ReadHttpBaseline(YamlNodeReader reader, YamlNode node, string path)
    {
        var settings = new HttpBaselineSettings();
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, path), path, HttpBaselineKeys))
        {
            var keyPath = $"{path}.{key}";
            settings = key switch
            {
                "enabled" => settings with { Enabled = ReadBool(reader, value, keyPath) },
                "sensitivity" => settings with { Sensitivity = reader.PositiveNumber(value, keyPath) },
                "min_rps" => settings with { MinRps = reader.PositiveNumber(value, keyPath) },
                _ => settings with
                {
                    WarmupSeconds = (int)ConfigDurations.Read(reader, value, keyPath, TimeSpan.FromSeconds(10), TimeSpan.FromDays(7)).TotalSeconds,
                },
            };
        }

        return settings;
    }
}
