using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>
/// Live configuration changes (the daemon's hot reload). Thresholds of existing groups apply in place, keeping every
/// counter and open incident. A change of the protected networks, of which group a network uses, of the lifecycle
/// settings (trigger, quiet, release) or of the table size changes the engine's layout: the caller builds a new engine.
/// </summary>
public sealed partial class DetectionEngine
{
    /// <summary>
    /// Applies <paramref name="settings"/> in place when only thresholds and lifecycle settings differ; returns false
    /// (and changes nothing) when the networks, their groups, the table size or the hash seed differ. Call it on the
    /// thread that feeds the engine.
    /// </summary>
    public bool TryReconfigure(DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // The lifecycles keep their own copy of the lifecycle settings: a change there is a layout change too.
        if (settings.MaxTrackedTargets != Settings.MaxTrackedTargets || settings.HashSeed != Settings.HashSeed
            || settings.TriggerSeconds != Settings.TriggerSeconds || settings.QuietSeconds != Settings.QuietSeconds
            || settings.ReleaseFraction != Settings.ReleaseFraction || !settings.Networks.SequenceEqual(Settings.Networks)
            || settings.Baseline.Enabled != Settings.Baseline.Enabled || settings.Baseline.Weeks != Settings.Baseline.Weeks
            || !SameOutgoing(settings))
        {
            return false;
        }

        // The group table is indexed by the order in which networks name their groups (0 is the default group), so with
        // the same networks the indices stay and only the limits behind them change.
        var replacements = new GroupLimits[_groups.Length];
        replacements[0] = new GroupLimits(settings.DefaultGroup);
        for (var n = 0; n < settings.Networks.Count; n++)
        {
            var g = _networkGroups[n];
            if (g == 0)
            {
                if (settings.Groups.ContainsKey(settings.Networks[n].Group))
                {
                    return false; // the network moves from the default group to a defined one: layout change
                }

                continue;
            }

            if (!settings.Groups.TryGetValue(settings.Networks[n].Group, out var group))
            {
                return false;
            }

            replacements[g] = new GroupLimits(group);
        }

        for (var i = 0; i < replacements.Length; i++)
        {
            _groups[i] = replacements[i] ?? _groups[i];
        }

        _baseline?.TryReconfigure(settings.Baseline);
        Settings = settings;
        return true;
    }

    /// <summary>Outgoing thresholds live in their own engine: any change there builds a new engine.</summary>
    private bool SameOutgoing(DetectionSettings settings) =>
        settings.Groups.Count == Settings.Groups.Count
        && settings.Groups.All(g => Settings.Groups.TryGetValue(g.Key, out var old) && Equals(old.OutgoingThresholds, g.Value.OutgoingThresholds));
}
