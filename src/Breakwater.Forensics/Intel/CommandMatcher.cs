using Breakwater.Core;
using Breakwater.Core.Forensics;

namespace Breakwater.Forensics.Intel;

/// <summary>
/// Links botnet commands to an incident: a command is linked when one of its targets covers the incident's target
/// (the same address, or a prefix holding it) and its window [time, time + duration] overlaps the incident's
/// [start, end]. Overlap and lag are evidence, never proof of cause.
/// </summary>
public static class CommandMatcher
{
    public const string Rule =
        "a command is linked when one of its targets covers the incident's target (same address or a prefix holding it) and its window [time, time + duration] overlaps the incident's [start, end]; lag = start − command time";

    /// <summary>Vectors each command method produces (Mirai's method names, plus generic names).</summary>
    private static readonly Dictionary<string, string[]> MethodVectors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["syn"] = ["syn_flood"],
        ["ack"] = ["ack_flood"],
        ["stomp"] = ["tcp_data_flood", "ack_flood"],
        ["tcp"] = ["syn_flood", "ack_flood", "tcp_data_flood", "tcp_flag_abuse"],
        ["udp"] = ["udp_flood", "ip_fragment_flood"],
        ["udpplain"] = ["udp_flood", "ip_fragment_flood"],
        ["vse"] = ["vse_flood"],
        ["dns"] = ["dns_water_torture", "udp_flood"],
        ["greip"] = ["gre_flood"],
        ["greeth"] = ["gre_flood"],
        ["gre"] = ["gre_flood"],
        ["http"] = ["http_flood", "tcp_data_flood"],
        ["app"] = ["http_flood", "tcp_data_flood"],
        ["icmp"] = ["icmp_flood"],
        ["ntp"] = ["ntp_amplification"],
        ["memcached"] = ["memcached_amplification"],
        ["ssdp"] = ["ssdp_amplification"],
        ["cldap"] = ["cldap_amplification"],
        ["ldap"] = ["cldap_amplification"],
        ["snmp"] = ["snmp_amplification"],
        ["chargen"] = ["chargen_amplification"],
        ["wsd"] = ["wsd_amplification"],
        ["portmap"] = ["rpc_portmap_amplification"],
        ["dnsamp"] = ["dns_amplification"],
    };

    public static List<CommandMatch> Match(IncidentReport incident, IEnumerable<BotnetCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var matches = new List<CommandMatch>();
        if (!Prefix.TryParse(incident.Target, out var target))
        {
            return matches;
        }

        var start = incident.Start;
        var end = incident.End ?? incident.Detected;
        if (end < start)
        {
            end = start;
        }

        var observed = incident.Vectors.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            var covering = command.Targets.FirstOrDefault(t => Covers(t, target));
            if (covering == default)
            {
                continue;
            }

            // The incident's end is the last second with attack traffic: its window runs to the end of that second.
            var overlap = (Min(command.End, end.AddSeconds(1)) - Max(command.Time, start)).TotalSeconds;
            if (overlap <= 0)
            {
                continue;
            }

            matches.Add(new CommandMatch
            {
                Time = command.Time,
                C2 = command.C2,
                Family = command.Family,
                Method = command.Method,
                DurationSeconds = command.DurationSeconds,
                LagSeconds = Math.Round((start - command.Time).TotalSeconds, 3),
                OverlapSeconds = Math.Round(overlap, 3),
                MethodMatches = MethodVectors.TryGetValue(command.Method, out var vectors) && vectors.Any(observed.Contains),
                MatchedTarget = covering.ToString(),
                Source = command.Source,
            });
        }

        return [.. matches.OrderBy(m => m.Time)];
    }

    /// <summary>A command target covers the incident's target when it holds the whole target (address or prefix).</summary>
    private static bool Covers(Prefix command, Prefix target) =>
        command.IsIPv4 == target.IsIPv4 && command.MappedLength <= target.MappedLength && command.Contains(target.Network);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
