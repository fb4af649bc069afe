using Breakwater.Configuration;

namespace Breakwater.Server;

/// <summary>Which top-level sections changed, and which of them keep their running values until a restart.</summary>
internal sealed partial class ConfigReloader
{
    internal static (BreakwaterConfig Effective, List<string> Changed, List<string> RestartNeeded) Merge(BreakwaterConfig current, BreakwaterConfig next)
    {
        var changed = new List<string>();
        var restart = new List<string>();
        var d0 = current.Detection;
        var d1 = next.Detection;
        if (!d0.Networks.SequenceEqual(d1.Networks))
        {
            changed.Add("networks");
        }

        if (!d0.Groups.OrderBy(g => g.Key).SequenceEqual(d1.Groups.OrderBy(g => g.Key)) || d0.DefaultGroup != d1.DefaultGroup)
        {
            changed.Add("groups");
        }

        if (d0 with { Networks = d1.Networks, Groups = d1.Groups, DefaultGroup = d1.DefaultGroup } != d1)
        {
            changed.Add("detection");
        }

        var effective = next;
        if (d0.MaxTrackedTargets != d1.MaxTrackedTargets)
        {
            restart.Add("detection.max_tracked_targets");
            effective = effective with { Detection = effective.Detection with { MaxTrackedTargets = d0.MaxTrackedTargets } };
        }

        if (current.Api.Tokens.Count != next.Api.Tokens.Count || !current.Api.Tokens.SequenceEqual(next.Api.Tokens))
        {
            changed.Add("api.tokens");
        }

        if (current.Alerts.Count != next.Alerts.Count || current.Alerts.Where((a, i) => !a.SameAs(next.Alerts[i])).Any())
        {
            changed.Add("alerts");
        }

        if (current.Api.MetricsPublic != next.Api.MetricsPublic)
        {
            changed.Add("api.metrics_public");
        }

        if (!current.Api.Listen.Equals(next.Api.Listen))
        {
            restart.Add("api.listen");
            effective = effective with { Api = effective.Api with { Listen = current.Api.Listen } };
        }

        if (!current.Collectors.SFlowListen.SequenceEqual(next.Collectors.SFlowListen)
            || !current.Collectors.NetFlowListen.SequenceEqual(next.Collectors.NetFlowListen)
            || current.Collectors.PcapInterface != next.Collectors.PcapInterface)
        {
            restart.Add("collectors");
            effective = effective with { Collectors = current.Collectors };
        }

        if (current.Events != next.Events)
        {
            restart.Add("events");
            effective = effective with { Events = current.Events };
        }

        return (effective, changed, restart);
    }
}
