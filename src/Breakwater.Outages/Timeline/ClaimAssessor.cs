using System.Globalization;
using Breakwater.Core;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Timeline;

/// <summary>
/// States what the observations support about a claim: was the claimed target attacked in the claimed window, what
/// overlaps it, and did the claim come before or after the first wave. Wording: "consistent with" or "not supported by
/// what was observed"; never a judgement of the actor.
/// </summary>
public static class ClaimAssessor
{
    public static ClaimAssessment Assess(Claim claim, TimelineInput input, Wave? firstWave)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(input);
        var (matches, kind) = Matcher(claim.Target, input);
        bool Overlaps(DateTimeOffset s, DateTimeOffset e) => s <= claim.WindowEnd && e >= claim.WindowStart;
        var incidents = input.Incidents.Where(i => Overlaps(i.Start, i.End) && matches(i.Target)).Select(i => i.Id).ToList();
        var waves = kind == "name" ? input.Waves.Where(w => Overlaps(w.Start, w.End)).Select(w => w.Id).ToList() : [];
        var commands = input.Commands.Where(c => Overlaps(c.Time, c.End) && (kind == "name" || c.Targets.Any(matches)))
            .Select(c => $"{c.C2}@{AnalysisJson.FormatTime(c.Time)}").ToList();
        var attacked = incidents.Count > 0;
        var timing = firstWave is null ? "no outage wave was observed"
            : claim.Time < firstWave.Start ? $"the claim came {TimeText.Span(firstWave.Start - claim.Time)} before the first wave (before the outage was public)"
            : $"the claim came {TimeText.Span(claim.Time - firstWave.Start)} after the first wave began (after the outage was public)";
        var inv = CultureInfo.InvariantCulture;
        string finding, text;
        if (attacked || waves.Count > 0)
        {
            finding = "consistent";
            var seen = new List<string>();
            if (attacked)
            {
                seen.Add(string.Create(inv, $"{incidents.Count} detected incident(s) on {claim.Target}"));
            }

            if (waves.Count > 0)
            {
                seen.Add(string.Create(inv, $"{waves.Count} outage wave(s)"));
            }

            if (commands.Count > 0)
            {
                seen.Add(string.Create(inv, $"{commands.Count} observed botnet command(s)"));
            }

            text = $"The claim that {claim.Target} was attacked between {Hm(claim.WindowStart)} and {Hm(claim.WindowEnd)} is consistent with what was observed: "
                + $"{string.Join(", ", seen)} in that window. It is not evidence of who attacked; {timing}.";
        }
        else
        {
            finding = "not_supported";
            text = $"The claim that {claim.Target} was attacked between {Hm(claim.WindowStart)} and {Hm(claim.WindowEnd)} is not supported by what was observed: "
                + $"no detected incident on it{(kind == "name" ? " and no outage wave" : "")} in that window{(commands.Count > 0 ? string.Create(inv, $" ({commands.Count} botnet command(s) were seen)") : "")}; {timing}.";
        }

        return new ClaimAssessment(claim, finding, attacked, incidents, waves, commands, timing, text);
    }

    private static string Hm(DateTimeOffset t) => AnalysisJson.FormatTime(t);

    /// <summary>Addresses and prefixes match incident targets that overlap them; a name stands for the timeline's service (all of it).</summary>
    private static (Func<string, bool> Matches, string Kind) Matcher(string target, TimelineInput input)
    {
        if (Prefix.TryParse(target, out var claimed))
        {
            return (t => Prefix.TryParse(t, out var p) && Overlap(claimed, p), target.Contains('/', StringComparison.Ordinal) ? "prefix" : "address");
        }

        var isService = target.Equals(input.Service, StringComparison.OrdinalIgnoreCase)
            || input.ProbeStates.Any(p => p.Probe.Equals(target, StringComparison.OrdinalIgnoreCase));
        return (_ => isService, "name");
    }

    private static bool Overlap(Prefix a, Prefix b) =>
        (b.MappedLength >= a.MappedLength && a.Contains(b.Network)) || (a.MappedLength >= b.MappedLength && b.Contains(a.Network));
}
