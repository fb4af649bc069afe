using Breakwater.Core;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>detection.baseline</c> section: <c>enabled</c>, <c>weeks</c>, <c>sensitivity</c>, <c>min_pps</c>, <c>max_targets</c>, <c>path</c>.</summary>
public static partial class ConfigLoader
{
    /// <summary>The daemon's baseline file when <c>detection.baseline.path</c> is not given, beside the config file.</summary>
    public const string DefaultBaselineFile = "breakwater.baseline";

    private static readonly string[] BaselineKeys = ["enabled", "weeks", "sensitivity", "min_pps", "max_targets", "path"];

    private static BaselineSettings ReadBaseline(YamlNodeReader reader, YamlNode node)
    {
        var settings = new BaselineSettings();
        string? path = null;
        foreach (var (key, value, _) in reader.Entries(reader.Mapping(node, "detection.baseline"), "detection.baseline", BaselineKeys))
        {
            var keyPath = $"detection.baseline.{key}";
            switch (key)
            {
                case "enabled":
                    settings = settings with { Enabled = ReadBoolean(reader, value, keyPath) };
                    break;
                case "weeks":
                    settings = settings with { Weeks = reader.Integer(value, keyPath, 1, BaselineSettings.MaxWeeks) };
                    break;
                case "sensitivity":
                    var sensitivity = reader.PositiveNumber(value, keyPath);
                    settings = sensitivity is >= 1 and <= 20
                        ? settings with { Sensitivity = sensitivity }
                        : throw reader.Error(value, keyPath, $"must be a number from 1 to 20 (robust standard deviations above the usual level), got '{sensitivity}'.");
                    break;
                case "min_pps":
                    settings = settings with { MinPps = reader.PositiveNumber(value, keyPath) };
                    break;
                case "max_targets":
                    settings = settings with { MaxTargets = reader.Integer(value, keyPath, 1, 1_048_576) };
                    break;
                default:
                    var text = ConfigFileText.CheckOutput(reader, value, keyPath, reader.FileName);
                    if (text == "-")
                    {
                        throw reader.Error(value, keyPath, "must be a file name, not '-': the baseline is a binary file kept between restarts.");
                    }

                    if (text.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || text.EndsWith('/'))
                    {
                        throw reader.Error(value, keyPath, $"must be a file name such as breakwater.baseline or /var/lib/breakwater/breakwater.baseline, got '{text}'.");
                    }

                    path = Path.GetFullPath(Path.Combine(ConfigDirectory(reader.FileName), text));
                    break;
            }
        }

        return settings with { Path = path ?? Path.Combine(ConfigDirectory(reader.FileName), DefaultBaselineFile) };
    }
}
