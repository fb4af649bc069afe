using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Forensics.Report;

/// <summary>The report's sentences (shared by the HTML and JSON forms): the one-minute summary and the method and its limits.</summary>
public static class ReportText
{
    public static List<string> Summary(IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var lines = new List<string>();
        var duration = incident.End is { } end ? (end - incident.Start).TotalSeconds + 1 : (double?)null;
        var vectors = incident.Vectors.Count == 0 ? "traffic" : string.Join(", ", incident.Vectors.Take(3).Select(v => $"{v.Name} ({v.Share * 100:0} %)"));
        lines.Add(Invariant($"{incident.Target} received a {vectors} attack from {Html.Time(incident.Start)}{(duration is { } d ? $" for {FormatDuration(d)}" : ", still going")}; Breakwater detected it at {Html.Time(incident.Detected)}."));
        lines.Add(Invariant($"Peak {Html.Rate(incident.PeakPps)}packets/s and {Html.Rate(incident.PeakBps)}bit/s; {Html.Count(incident.Packets)} packets in all."));
        var sources = Invariant($"About {Html.Count(incident.UniqueSources)} distinct source addresses");
        if (incident.UniqueSourcesError is { } e)
        {
            sources += Invariant($" (±{e * 200:0.#} %, 95 %)");
        }

        if (incident.Spoofing is { } spoofing)
        {
            sources += spoofing.Verdict switch
            {
                "forged" => ": forged, so they say nothing about who sent the traffic.",
                "reflected" => ": reflectors (real servers abused to amplify), not the attackers.",
                "genuine" => ": they look like the real senders (typically compromised devices).",
                _ => ": whether they are real could not be established.",
            };
        }
        else
        {
            sources += ".";
        }

        lines.Add(sources);
        if (incident.Sources is { } where)
        {
            lines.Add(Capitalise(where.Reading));
        }

        if (incident.Botnet is { } botnet)
        {
            var methods = string.Join(", ", botnet.Vectors.Select(v => v.Method).Where(m => m is not null).Distinct());
            lines.Add(Invariant($"The packets are consistent with the {botnet.Family} botnet family{(methods.Length > 0 ? $" ({methods})" : "")}, confidence {botnet.Confidence:0.00}; this is a likeness of packet shapes, not an attribution."));
        }

        if (incident.Intel is { } intel)
        {
            if (intel.Commands.Count > 0)
            {
                var c = intel.Commands[0];
                lines.Add(Invariant($"{intel.Commands.Count} recorded botnet command(s) named this target during the attack; the first, '{c.Method}' from {c.C2} at {Html.Time(c.Time)}, came {c.LagSeconds:0} s before the attack started (overlap {c.OverlapSeconds:0} s)."));
            }
            else
            {
                lines.Add("No imported botnet command names this target during the attack.");
            }

            if (intel.KnownSourcesShare is { } share)
            {
                lines.Add(Invariant($"{share * 100:0.#} % of the sampled packets came from addresses in the imported IP lists."));
            }
        }

        if (incident.Fingerprint is { } f)
        {
            lines.Add(Invariant($"Filter: {f.Filter} (matches {f.Coverage * 100:0.#} % of the attack, {f.Collateral * 100:0.##} % of other traffic)."));
        }

        return lines;
    }

    public static List<string> MethodAndLimits(IncidentReport incident, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(context);
        var lines = new List<string>
        {
            "Rates are per second, estimated for real traffic (flow samples scaled by their sampling rate). Start is the attack's onset, not the moment of decision.",
            Invariant($"Unique sources are a HyperLogLog estimate (relative standard error {(incident.UniqueSourcesError ?? 0.0081) * 100:0.##} %)."),
        };
        if (incident.Sources is { } s)
        {
            lines.Add(Capitalise(s.Sample.Method) + ".");
            lines.Add("Countries and ASNs come from the databases below for each sampled source address; they say where an address is registered or routed, not where a person is.");
        }

        lines.Add("Source addresses can be forged; the spoofing verdict lists the reasons it rests on. Reflection attacks come from real servers that answered requests forged with the target's address.");
        lines.Add("Botnet family evidence compares packet shapes with the published default layouts of that family's attack code; other tools can copy them, so it is 'consistent with', never proof.");
        if (incident.Intel is { } intel)
        {
            lines.Add("Command matching rule: " + intel.Rule + ". Overlap and lag are evidence, not proof of cause.");
        }

        if (incident.Timeline is { PreTriggerSeconds: > 0 } t)
        {
            lines.Add(Invariant($"The timeline begins {t.PreTriggerSeconds:0.#} s before detection (per-packet analysis starts once the rate passes the release level)."));
        }

        lines.Add("GeoIP: " + context.Database + ".");
        lines.AddRange(incident.Notes.Select(n => "Note: " + n));
        return lines;
    }

    private static string FormatDuration(double seconds) => seconds switch
    {
        < 120 => Invariant($"{seconds:0} s"),
        < 7200 => Invariant($"{seconds / 60:0.#} min"),
        _ => Invariant($"{seconds / 3600:0.#} h"),
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
