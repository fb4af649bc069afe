using System.Globalization;
using System.Net;
using System.Text;
using Breakwater.Outages.Probes;

namespace Breakwater.Outages.Timeline;

/// <summary>
/// A self-contained HTML page of the timeline: one SVG chart (reports with waves shaded, then lanes for probe states,
/// incidents, mitigations, C2 commands and claims) and the same facts in words. No scripts, no external files.
/// </summary>
public static class TimelineHtml
{
    private const double Width = 1000;
    private const double Left = 110;
    private const double ChartHeight = 160;
    private const double Lane = 26;

    public static string Render(TimelineDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var html = new StringBuilder();
        var title = $"Breakwater timeline: {doc.Service}, {Rfc3339.Format(doc.From)} to {Rfc3339.Format(doc.To)}";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>");
        html.Append("<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222} table{border-collapse:collapse;margin:.5em 0 1.5em}");
        html.Append(" td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top} .muted{color:#666} svg text{font:11px sans-serif}</style>");
        html.Append("</head><body><h1>").Append(E(title)).Append("</h1>");
        html.Append("<p class=\"muted\">Overlap and lag are evidence of timing, not proof of cause.</p>");
        html.Append(Chart(doc));
        html.Append("<h2>Outage waves</h2>");
        if (doc.Waves.Count == 0)
        {
            html.Append("<p>No outage wave in this range.</p>");
        }

        foreach (var w in doc.Waves)
        {
            var shares = string.Join(", ", w.Wave.Categories.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Share:P0}")));
            html.Append(CultureInfo.InvariantCulture,
                $"<h3>{E(Hm(w.Wave.Start))} – {E(Hm(w.Wave.End))} UTC, peak {w.Wave.PeakCount:N0} at {E(Hm(w.Wave.Peak))} (baseline {w.Wave.Baseline:N1}, ×{w.Wave.Magnitude:N1})</h3>");
            html.Append(CultureInfo.InvariantCulture, $"<p>Reports by category: {E(shares.Length > 0 ? shares : "not given")}.</p><ul>");
            foreach (var link in w.Links)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(link.Text)}</li>");
            }

            html.Append(w.Links.Count == 0 ? "<li>Nothing detected or imported overlaps or precedes this wave.</li></ul>" : "</ul>");
        }

        html.Append("<h2>Responsibility claims</h2>");
        html.Append(doc.Claims.Count == 0 ? "<p>No claims imported.</p>" : "<ul>");
        foreach (var c in doc.Claims)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><b>{E(c.Claim.Actor)}</b> ({E(Rfc3339.Format(c.Claim.Time))}, {E(c.Claim.Source ?? "source not given")}): {E(c.Text)}</li>");
        }

        html.Append(doc.Claims.Count == 0 ? "" : "</ul>");
        html.Append("<h2>Probe state changes</h2><table><tr><th>time</th><th>probe</th><th>state</th><th>vantage</th><th>reason</th></tr>");
        foreach (var p in doc.ProbeStates)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(Rfc3339.Format(p.Time))}</td><td>{E(p.Probe)}</td><td>{E(ProbeStateChange.Name(p.State))}{(p.Cycling ? " (cycling)" : "")}</td><td>{E(p.Vantage)}</td><td>{E(p.Reason)}</td></tr>");
        }

        html.Append("</table></body></html>\n");
        return html.ToString();
    }

    /// <summary>The chart alone, as an SVG document (the dashboard shows the same chart as the report).</summary>
    public static string RenderChart(TimelineDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return Chart(doc);
    }

    private static string Chart(TimelineDocument doc)
    {
        var span = Math.Max(1, (doc.To - doc.From).TotalSeconds);
        double X(DateTimeOffset t) => Left + ((Width - Left - 10) * Math.Clamp((t - doc.From).TotalSeconds / span, 0, 1));
        var lanes = new[] { "probes", "incidents", "mitigations", "C2 commands", "claims" };
        var height = ChartHeight + 30 + (lanes.Length * Lane) + 20;
        var svg = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"timeline chart\">");
        foreach (var w in doc.Waves)
        {
            svg.Append(inv, $"<rect x=\"{X(w.Wave.Start):0.#}\" y=\"0\" width=\"{Math.Max(1, X(w.Wave.End) - X(w.Wave.Start)):0.#}\" height=\"{height - 20:0}\" fill=\"#f5c6a5\" opacity=\"0.5\"><title>wave {E(Hm(w.Wave.Start))}–{E(Hm(w.Wave.End))}</title></rect>");
        }

        var max = doc.Reports.Count == 0 ? 1 : Math.Max(1, doc.Reports.Max(b => b.Count));
        if (doc.Reports.Count > 0)
        {
            var points = string.Join(' ', doc.Reports.Select(b => string.Create(inv, $"{X(b.Start):0.#},{ChartHeight - (ChartHeight * b.Count / max):0.#}")));
            svg.Append(inv, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.2\"/>");
        }

        svg.Append(inv, $"<text x=\"4\" y=\"12\">reports (max {max:N0})</text><line x1=\"{Left}\" y1=\"{ChartHeight}\" x2=\"{Width - 10}\" y2=\"{ChartHeight}\" stroke=\"#999\"/>");
        for (var i = 0; i <= 6; i++)
        {
            var t = doc.From + TimeSpan.FromSeconds(span * i / 6);
            svg.Append(inv, $"<text x=\"{X(t) - 14:0.#}\" y=\"{ChartHeight + 14}\">{t.UtcDateTime:HH:mm}</text>");
        }

        double LaneY(int i) => ChartHeight + 30 + (i * Lane);
        for (var i = 0; i < lanes.Length; i++)
        {
            svg.Append(inv, $"<text x=\"4\" y=\"{LaneY(i) + 14:0}\">{lanes[i]}</text>");
        }

        var changes = doc.ProbeStates.ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            var end = i + 1 < changes.Count ? changes[i + 1].Time : doc.To;
            var colour = changes[i].State switch { ProbeState.Down => "#c0392b", ProbeState.Degraded => "#e67e22", _ => "#27ae60" };
            Bar(svg, X(changes[i].Time), X(end), LaneY(0), colour, $"{changes[i].Probe} {ProbeStateChange.Name(changes[i].State)}");
        }

        foreach (var i in doc.Incidents)
        {
            Bar(svg, X(i.Start), X(i.End), LaneY(1), "#8e44ad", $"incident {i.Id} on {i.Target}: {string.Join(", ", i.Vectors)}");
        }

        foreach (var m in doc.Mitigations)
        {
            Bar(svg, X(m.Start), X(m.End ?? doc.To), LaneY(2), "#2980b9", $"{m.Kind} {m.Prefix}");
        }

        foreach (var c in doc.Commands)
        {
            Bar(svg, X(c.Time), X(c.End), LaneY(3), "#2c3e50", $"{c.Method} from {c.C2} at {Hm(c.Time)}");
        }

        foreach (var c in doc.Claims)
        {
            Bar(svg, X(c.Claim.WindowStart), X(c.Claim.WindowEnd), LaneY(4), "#bdc3c7", $"claimed window ({c.Claim.Actor})");
            svg.Append(inv, $"<circle cx=\"{X(c.Claim.Time):0.#}\" cy=\"{LaneY(4) + 9:0}\" r=\"5\" fill=\"#7f8c8d\"><title>claim by {E(c.Claim.Actor)} at {E(Hm(c.Claim.Time))}</title></circle>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, double x1, double x2, double y, string colour, string title) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x1:0.#}\" y=\"{y:0}\" width=\"{Math.Max(2, x2 - x1):0.#}\" height=\"18\" fill=\"{colour}\"><title>{E(title)}</title></rect>");

    private static string Hm(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
