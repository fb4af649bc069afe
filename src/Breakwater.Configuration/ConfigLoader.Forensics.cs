using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>geoip</c> and <c>intel</c> sections (docs/configuration.md "geoip", "intel").</summary>
public static partial class ConfigLoader
{
    private static readonly string[] GeoIpKeys = ["country_asn", "asn_names"];
    private static readonly string[] IntelKeys = ["files", "store"];

    private static ForensicsSettings ReadGeoIp(YamlNodeReader reader, YamlNode node, ForensicsSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "geoip"), "geoip", GeoIpKeys))
        {
            var path = $"geoip.{key}";
            settings = key == "country_asn"
                ? settings with { CountryAsn = ExistingFile(reader, value, path) }
                : settings with { AsnNames = Files(reader, value, path) };
        }

        return settings;
    }

    private static ForensicsSettings ReadIntel(YamlNodeReader reader, YamlNode node, ForensicsSettings settings)
    {
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "intel"), "intel", IntelKeys))
        {
            settings = key == "files"
                ? settings with { IntelFiles = Files(reader, value, "intel.files") }
                : settings with { IntelStore = StorePath(reader, value, "intel.store") };
        }

        return settings;
    }

    /// <summary>A file the daemon appends to: its folder must exist; relative to the configuration's folder.</summary>
    private static string StorePath(YamlNodeReader reader, YamlNode node, string keyPath)
    {
        var text = reader.String(node, keyPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(reader.FileName)) ?? ".";
        var full = Path.IsPathRooted(text) ? text : Path.GetFullPath(Path.Combine(folder, text));
        if (Directory.Exists(full))
        {
            throw reader.Error(node, keyPath, $"names '{text}', which is a directory; give the path of a file (it is created when missing).");
        }

        return Directory.Exists(Path.GetDirectoryName(full))
            ? full
            : throw reader.Error(node, keyPath, $"names '{text}', whose folder does not exist (looked at {full}).");
    }

    /// <summary>One path or a list of paths, each an existing file.</summary>
    private static List<string> Files(YamlNodeReader reader, YamlNode node, string keyPath) => node is YamlSequenceNode list
        ? [.. list.Children.Select(item => ExistingFile(reader, item, keyPath))]
        : [ExistingFile(reader, node, keyPath)];

    private static string ExistingFile(YamlNodeReader reader, YamlNode node, string keyPath)
    {
        var text = reader.String(node, keyPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(reader.FileName)) ?? ".";
        var full = Path.IsPathRooted(text) ? text : Path.GetFullPath(Path.Combine(folder, text));
        return File.Exists(full)
            ? full
            : throw reader.Error(node, keyPath, $"names '{text}', which does not exist (looked at {full}); give the path of an existing file, relative to the configuration's folder.");
    }
}
