using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>The host groups in use, flattened: group 0 is the default group; each network points at its own group or falls back to it.</summary>
internal static class GroupTable
{
    public static (GroupLimits[] Groups, int[] NetworkGroups) Build(DetectionSettings settings)
    {
        var groups = new List<GroupLimits> { new(settings.DefaultGroup) };
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var networkGroups = new int[settings.Networks.Count];
        for (var n = 0; n < settings.Networks.Count; n++)
        {
            var name = settings.Networks[n].Group;
            if (!byName.TryGetValue(name, out var g))
            {
                g = settings.Groups.TryGetValue(name, out var group) ? groups.Count : 0;
                if (g != 0)
                {
                    groups.Add(new GroupLimits(group!));
                }

                byName[name] = g;
            }

            networkGroups[n] = g;
        }

        return ([.. groups], networkGroups);
    }
}
