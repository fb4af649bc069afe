using Breakwater.Core;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>Reading a configuration file safely, and checks on the output paths it names.</summary>
internal static class ConfigFileText
{
    /// <summary>Reads the file, refusing folders and files far larger than any configuration (a wrong path, say).</summary>
    public static string Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigException($"{path} is a directory; give the path of a breakwater.yaml file.");
        }

        if (!File.Exists(path))
        {
            throw new ConfigException($"{path} does not exist; give the path of a breakwater.yaml file (see docs/configuration.md).");
        }

        try
        {
            var length = new FileInfo(path).Length;
            if (length > Breakwater.Yaml.BoundedYaml.MaxChars)
            {
                throw new ConfigException($"{path} is {length:N0} bytes; a configuration is at most {Breakwater.Yaml.BoundedYaml.MaxChars:N0}. Is this the right file?");
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path} cannot be read: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}.", e);
        }
    }

    /// <summary>An output path in the config (e.g. <c>events.file</c>) that must not be the configuration file itself.</summary>
    public static string CheckOutput(YamlNodeReader reader, YamlNode node, string keyPath, string configPath)
    {
        var path = reader.String(node, keyPath);
        if (path != "-" && File.Exists(configPath) && FileIdentity.SameFile(path, configPath))
        {
            throw reader.Error(node, keyPath, $"is '{path}', this configuration file itself; writing there would destroy it. Choose another file.");
        }

        return path;
    }
}
