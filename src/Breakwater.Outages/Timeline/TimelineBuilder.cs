using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Outages.Timeline;

/// <summary>
/// Lines waves up with incidents, mitigations and C2 commands (each either overlaps a wave or precedes it within the
/// window; the lag is reported, cause never is) and assesses responsibility claims against what was observed.
/// </summary>
public static class TimelineBuilder
{
    public static TimelineDocument Build(TimelineInput input, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool InRange(DateTimeOffset s, DateTimeOffset e) => e >= from && s <= to;
        var waves = input.Waves.Where(w => InRange(w.Start, w.End)).OrderBy(w => w.Start).ToList();
        var incidents = input.Incidents.Where(i => InRange(i.Start, i.End)).OrderBy(i => i.Start).ToList();
        var mitigations = input.Mitigations.Where(m => InRange(m.Start, m.End ?? to)).OrderBy(m => m.Start).ToList();
        var commands = input.Commands.Where(c => InRange(c.Time, c.End)).OrderBy(c => c.Time).ToList();
        var linked = waves.Select(w => new TimelineWave(w, Links(w, incidents, mitigations, commands, input.Window))).ToList();
        var firstWave = input.Waves.OrderBy(w => w.Start).FirstOrDefault();
        return new TimelineDocument
        {
            Service = input.Service, From = from, To = to, Window = input.Window, Waves = linked,
            Reports = [.. input.Reports.Where(b => b.Start >= from && b.Start < to)],
            ProbeStates = [.. input.ProbeStates.Where(p => p.Time >= from && p.Time <= to).OrderBy(p => p.Time)],
            Incidents = incidents, Mitigations = mitigations, Commands = commands,
            Claims = [.. input.Claims.OrderBy(c => c.Time).Select(c => ClaimAssessor.Assess(c, input, firstWave))],
        };
    }

    private static List<WaveLink> Links(Waves.Wave wave, List<TimelineIncident> incidents, List<TimelineMitigation> mitigations, List<TimelineCommand> commands, TimeSpan window)
    {
        var links = new List<WaveLink>();
        foreach (var i in incidents)
        {
            var what = string.Create(CultureInfo.InvariantCulture,
                $"incident {i.Id} on {i.Target} ({string.Join(", ", i.Vectors)}; peak {i.PeakPps:N0} pps)");
            Add(links, "incident", i.Id, i.Start, i.End, wave, window, what);
        }

        foreach (var m in mitigations)
        {
            Add(links, "mitigation", m.Id, m.Start, m.End ?? m.Start, wave, window, $"{m.Kind} mitigation {m.Id} for {m.Prefix}");
        }

        foreach (var c in commands)
        {
            Add(links, "command", $"{c.C2}@{AnalysisJson.FormatTime(c.Time)}", c.Time, c.End, wave, window,
                $"{c.Family ?? "botnet"} command '{c.Method}' from C2 {c.C2} against {string.Join(", ", c.Targets)}");
        }

        return links;
    }

    private static void Add(List<WaveLink> links, string kind, string id, DateTimeOffset start, DateTimeOffset end, Waves.Wave wave, TimeSpan window, string what)
    {
        var lag = wave.Start - start;
        if (start < wave.End && end >= wave.Start)
        {
            var when = lag >= TimeSpan.Zero ? $"began {TimeText.Span(lag)} before the wave" : $"began {TimeText.Span(lag)} after the wave began";
            links.Add(new WaveLink(kind, id, "overlaps", Math.Round(lag.TotalSeconds, 1), $"{what} overlaps this wave ({when})."));
        }
        else if (end < wave.Start && wave.Start - end <= window)
        {
            links.Add(new WaveLink(kind, id, "precedes", Math.Round(lag.TotalSeconds, 1),
                $"{what} precedes this wave: it began {TimeText.Span(lag)} before the wave and ended {TimeText.Span(wave.Start - end)} before it."));
        }
    }
}
