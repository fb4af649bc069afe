using Breakwater.Configuration;
using Breakwater.Core;

namespace Breakwater.Analysis;

/// <summary>Detection settings for an offline analysis: a config file's, then command-line overrides on top.</summary>
public static class AnalysisSettings
{
    /// <summary>Throws <see cref="ConfigException"/> with one sentence naming the option or the config line at fault.</summary>
    public static DetectionSettings Build(string? configPath, IReadOnlyList<string>? networks = null, double? thresholdPps = null, double? thresholdMbps = null)
    {
        var settings = configPath is null ? new DetectionSettings() : ConfigLoader.LoadFile(configPath).Detection;
        var thresholds = settings.DefaultGroup.Thresholds;
        if (thresholdPps is { } pps)
        {
            thresholds = double.IsFinite(pps) && pps > 0
                ? thresholds with { Pps = pps }
                : throw new ConfigException("--threshold-pps must be a positive, finite number of packets per second, e.g. 5000.");
        }

        if (thresholdMbps is { } mbps)
        {
            thresholds = double.IsFinite(mbps) && mbps > 0
                ? thresholds with { Mbps = mbps }
                : throw new ConfigException("--threshold-mbps must be a positive, finite number of megabits per second, e.g. 50.");
        }

        var defaultGroup = settings.DefaultGroup with { Thresholds = thresholds };
        var groups = new Dictionary<string, HostGroup>(settings.Groups) { [defaultGroup.Name] = defaultGroup };
        var protectedNetworks = settings.Networks.ToList();
        foreach (var text in networks ?? [])
        {
            protectedNetworks.Add(PrefixRules.TryParse(text, out var prefix, out var problem)
                ? new ProtectedNetwork(prefix, defaultGroup.Name)
                : throw new ConfigException($"--networks {problem}"));
        }

        return settings with { DefaultGroup = defaultGroup, Groups = groups, Networks = protectedNetworks };
    }
}
