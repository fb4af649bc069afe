using System.Globalization;
using Breakwater.Outages;
using Breakwater.Outages.Timeline;

namespace Breakwater.Cli;

/// <summary>The timeline in words on stdout: each wave with what overlaps or precedes it, then each claim.</summary>
internal static class TimelineSummary
{
    public static void Write(TimelineDocument doc, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv,
            $"{doc.Service}, {Rfc3339.Format(doc.From)} to {Rfc3339.Format(doc.To)}: {doc.Waves.Count} wave(s), {doc.Incidents.Count} incident(s), {doc.Commands.Count} C2 command(s), {doc.ProbeStates.Count} probe state change(s), {doc.Claims.Count} claim(s)."));
        foreach (var w in doc.Waves)
        {
            var shares = string.Join(", ", w.Wave.Categories.Select(c => string.Create(inv, $"{c.Name} {c.Share:P0}")));
            stdout.WriteLine(string.Create(inv,
                $"wave {Rfc3339.Format(w.Wave.Start)} → {Rfc3339.Format(w.Wave.End)}, peak {w.Wave.PeakCount:N0} (baseline {w.Wave.Baseline:N1}){(shares.Length > 0 ? "; " + shares : "")}"));
            foreach (var link in w.Links)
            {
                stdout.WriteLine($"  - {link.Text}");
            }
        }

        foreach (var c in doc.Claims)
        {
            stdout.WriteLine($"claim by {c.Claim.Actor}: {c.Text}");
        }
    }
}
