using System.Globalization;
using System.Text;
using Breakwater.Core;

namespace Breakwater.Forensics.Report;

/// <summary>The sections of one incident.</summary>
public static partial class ReportWriter
{
    private static void AppendIncident(StringBuilder html, IncidentReport incident, ReportContext context, bool several)
    {
        var h = several ? $"Incident {incident.Id}: {incident.Target}" : $"{incident.Target} · incident {incident.Id}";
        html.Append("<h2>").Append(E(h)).Append("</h2>");
        html.Append("<div class=\"summary\"><strong>Summary</strong><ul>");
        foreach (var line in ReportText.Summary(incident))
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul></div>");

        html.Append("<h2>Timeline</h2>");
        html.Append(incident.Timeline is { } timeline
            ? ReportCharts.Timeline(timeline, Marks(incident, context))
            : "<p class=\"muted\">No timeline was recorded for this incident.</p>");

        html.Append("<h2>Peaks and vectors</h2><table><tr><th>start</th><th>detected</th><th>end</th><th class=\"num\">peak packets/s</th><th class=\"num\">peak bit/s</th><th class=\"num\">packets</th><th class=\"num\">bytes</th><th>status</th></tr>");
        html.Append("<tr><td>").Append(Report.Html.Time(incident.Start)).Append("</td><td>").Append(Report.Html.Time(incident.Detected)).Append("</td><td>")
            .Append(Report.Html.Time(incident.End)).Append("</td><td class=\"num\">").Append(Report.Html.Rate(incident.PeakPps))
            .Append("</td><td class=\"num\">").Append(Report.Html.Rate(incident.PeakBps)).Append("</td><td class=\"num\">").Append(Report.Html.Count(incident.Packets))
            .Append("</td><td class=\"num\">").Append(Report.Html.Count(incident.Bytes)).Append("</td><td>").Append(E(incident.Status)).Append("</td></tr></table>");
        html.Append("<table><tr><th>vector</th><th>protocol</th><th class=\"num\">share</th><th class=\"num\">packets</th><th class=\"num\">bytes</th><th>top source ports</th><th>top destination ports</th></tr>");
        foreach (var v in incident.Vectors)
        {
            html.Append("<tr><td>").Append(E(v.Name)).Append("</td><td>").Append(E(v.Protocol)).Append("</td><td class=\"num\">").Append(Report.Html.Percent(v.Share))
                .Append("</td><td class=\"num\">").Append(Report.Html.Count(v.Packets)).Append("</td><td class=\"num\">").Append(Report.Html.Count(v.Bytes))
                .Append("</td><td>").Append(E(Ports(v.TopSrcPorts))).Append("</td><td>").Append(E(Ports(v.TopDstPorts))).Append("</td></tr>");
        }

        html.Append("</table>");

        html.Append("<h2>Rule set and fingerprint</h2>");
        if (incident.Fingerprint is { } f)
        {
            html.Append("<p>Filter matching the attack (BPF):</p><pre>").Append(E(f.Filter)).Append("</pre>");
            html.Append(Invariant($"<p>Coverage {Report.Html.Percent(f.Coverage)} of the attack's packets; collateral {f.Collateral * 100:0.###} % of other traffic.</p>"));
        }
        else
        {
            html.Append("<p class=\"muted\">No fingerprint.</p>");
        }

        AppendSources(html, incident);
        AppendSpoofing(html, incident);
        AppendBotnet(html, incident);
        AppendIntel(html, incident);

        html.Append("<h2>Method and limits</h2><ul class=\"small\">");
        foreach (var line in ReportText.MethodAndLimits(incident, context))
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void AppendSources(StringBuilder html, IncidentReport incident)
    {
        html.Append("<h2>Where the sources are</h2>");
        if (incident.Sources is not { } s)
        {
            html.Append("<p class=\"muted\">No source sample for this incident.</p>");
            return;
        }

        if (s.Caveat is { } caveat)
        {
            html.Append("<div class=\"caveat\"><strong>Caveat:</strong> ").Append(E(caveat)).Append("</div>");
        }

        html.Append("<p>").Append(E(s.Reading)).Append("</p>");
        html.Append(Invariant($"<p class=\"small muted\">Concentration: top country {Report.Html.Percent(s.Concentration.CountryTop1)}, top five {Report.Html.Percent(s.Concentration.CountryTop5)}, Herfindahl {s.Concentration.CountryHerfindahl:0.###}; top AS {Report.Html.Percent(s.Concentration.AsnTop1)}, top five {Report.Html.Percent(s.Concentration.AsnTop5)}, Herfindahl {s.Concentration.AsnHerfindahl:0.###}. Sample: {s.Sample.Sources} sources. Unknown country: {Report.Html.Percent(s.UnknownShare)}.</p>"));
        html.Append("<div class=\"grid\"><div><table><tr><th>country</th><th class=\"num\">packets</th><th class=\"num\">share</th><th class=\"num\">bytes share</th><th class=\"num\">sampled sources</th></tr>");
        foreach (var c in s.Countries.Take(25))
        {
            html.Append("<tr><td>").Append(E(c.Code)).Append(c.Name is null ? "" : " " + E(c.Name)).Append("</td><td class=\"num\">").Append(Report.Html.Count(c.Packets))
                .Append("</td><td class=\"num\">").Append(Report.Html.Percent(c.Share)).Append("</td><td class=\"num\">").Append(Report.Html.Percent(c.BytesShare))
                .Append("</td><td class=\"num\">").Append(Report.Html.Count(c.Sources)).Append("</td></tr>");
        }

        html.Append("</table></div><div>").Append(ReportCharts.CountryBars(s.Countries)).Append("</div></div>");
        if (s.Caveat is { } again)
        {
            html.Append("<div class=\"caveat\"><strong>Caveat:</strong> ").Append(E(again)).Append("</div>");
        }

        html.Append("<table><tr><th>AS</th><th>name</th><th class=\"num\">packets</th><th class=\"num\">share</th><th class=\"num\">bytes share</th><th class=\"num\">sampled sources</th></tr>");
        foreach (var a in s.Asns.Take(25))
        {
            html.Append(Invariant($"<tr><td>AS{a.Asn}</td><td>{E(a.Name)}</td><td class=\"num\">{Report.Html.Count(a.Packets)}</td><td class=\"num\">{Report.Html.Percent(a.Share)}</td><td class=\"num\">{Report.Html.Percent(a.BytesShare)}</td><td class=\"num\">{a.Sources}</td></tr>"));
        }

        html.Append("</table>");
        if (incident.TopSources.Count > 0)
        {
            html.Append("<p>Top sources (packets/s averaged over the attack):</p><table><tr><th>address</th><th>country</th><th>AS</th><th class=\"num\">packets</th><th class=\"num\">packets/s</th></tr>");
            foreach (var t in incident.TopSources)
            {
                html.Append(Invariant($"<tr><td>{E(t.Address)}</td><td>{E(t.Country)}</td><td>{(t.Asn is { } asn ? $"AS{asn} {E(t.AsnName)}" : "")}</td><td class=\"num\">{Report.Html.Count(t.Packets)}</td><td class=\"num\">{Report.Html.Rate(t.Pps ?? 0)}</td></tr>"));
            }

            html.Append("</table>");
        }
    }

    private static void AppendSpoofing(StringBuilder html, IncidentReport incident)
    {
        html.Append("<h2>Are the source addresses real?</h2>");
        if (incident.Spoofing is not { } s)
        {
            html.Append(incident.SpoofedSourcesLikely ? "<p>Spoofed sources are likely.</p>" : "<p class=\"muted\">No verdict.</p>");
            return;
        }

        html.Append("<p>Verdict: <span class=\"verdict\">").Append(E(s.Verdict)).Append("</span></p><ul>");
        foreach (var reason in s.Reasons)
        {
            html.Append("<li>").Append(E(reason)).Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void AppendBotnet(StringBuilder html, IncidentReport incident)
    {
        html.Append("<h2>Botnet evidence</h2>");
        if (incident.Botnet is not { } b)
        {
            html.Append("<p>No packet shape is consistent with a known botnet family's attack code.</p>");
            return;
        }

        html.Append(Invariant($"<p>Consistent with <strong>{E(b.Family)}</strong>, confidence {b.Confidence:0.00} (never certainty).</p><ul>"));
        foreach (var line in b.Evidence)
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void AppendIntel(StringBuilder html, IncidentReport incident)
    {
        html.Append("<h2>Intel and botnet commands</h2>");
        if (incident.Intel is not { } intel)
        {
            html.Append("<p class=\"muted\">No intel was given (analyze --intel FILE, or intel files in the configuration).</p>");
            return;
        }

        if (intel.KnownSourcesShare is { } share)
        {
            html.Append(Invariant($"<p>{Report.Html.Percent(share)} of sampled packets came from listed addresses.</p>"));
        }

        if (intel.Commands.Count > 0)
        {
            html.Append("<table><tr><th>command time</th><th>C2</th><th>family</th><th>method</th><th>target</th><th class=\"num\">lag s</th><th class=\"num\">overlap s</th><th>method matches</th></tr>");
            foreach (var c in intel.Commands)
            {
                html.Append(Invariant($"<tr><td>{Report.Html.Time(c.Time)}</td><td>{E(c.C2)}</td><td>{E(c.Family)}</td><td>{E(c.Method)}</td><td>{E(c.MatchedTarget)}</td><td class=\"num\">{c.LagSeconds:0.#}</td><td class=\"num\">{c.OverlapSeconds:0.#}</td><td>{(c.MethodMatches ? "yes" : "no")}</td></tr>"));
            }

            html.Append("</table>");
        }
        else
        {
            html.Append("<p>No imported command names this target during the attack.</p>");
        }

        html.Append("<p class=\"small muted\">Rule: ").Append(E(intel.Rule)).Append(".</p>");
        if (intel.Provenance.Count > 0)
        {
            html.Append("<p class=\"small muted\">Intel sources: ").Append(E(string.Join("; ", intel.Provenance))).Append("</p>");
        }
    }

    private static string Ports(IReadOnlyList<PortCount> ports) => string.Join(", ", ports.Take(3).Select(p => p.Port.ToString(CultureInfo.InvariantCulture)));

    private static string E(string? text) => Report.Html.Encode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
