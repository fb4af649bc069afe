using System.Text;
using System.Text.Json;
using Breakwater.Core;

namespace Breakwater.Forensics.Report;

/// <summary>
/// The incident report: one self-contained HTML file (inline CSS and SVG, no script, no external request) that
/// prints cleanly, or the same content as JSON (<c>breakwater.report/v1</c>).
/// </summary>
public static partial class ReportWriter
{
    public const string JsonSchema = "breakwater.report/v1";

    public static string Html(IReadOnlyList<IncidentReport> incidents, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(context);
        var html = new StringBuilder(64 * 1024);
        var title = incidents.Count == 1 ? $"Incident {incidents[0].Id}: {incidents[0].Target}" : $"{incidents.Count} incidents";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>Breakwater report – ").Append(Report.Html.Encode(title)).Append("</title><style>").Append(ReportStyles.Css).Append("</style></head><body>");
        html.Append("<h1>Breakwater attack report</h1><p class=\"sub\">").Append(Report.Html.Encode(context.Origin))
            .Append(" · generated ").Append(Report.Html.Time(context.Generated)).Append("</p>");
        if (incidents.Count == 0)
        {
            html.Append("<p>No attack was found.</p>");
        }

        foreach (var incident in incidents)
        {
            AppendIncident(html, incident, context, incidents.Count > 1);
        }

        html.Append("<h2>Data and credits</h2><ul class=\"small\">");
        html.Append("<li>GeoIP: ").Append(Report.Html.Encode(context.Database)).Append("</li>");
        foreach (var credit in context.Attribution)
        {
            html.Append("<li>").Append(Report.Html.Encode(credit)).Append("</li>");
        }

        if (context.Attribution.Any(a => a.Contains("db-ip.com", StringComparison.Ordinal)))
        {
            html.Append("<li><a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a> (CC BY 4.0)</li>");
        }

        html.Append("<li>Made by Breakwater. The report makes no network requests.</li></ul></body></html>\n");
        return html.ToString();
    }

    public static string Json(IReadOnlyList<IncidentReport> incidents, ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", JsonSchema);
            w.WriteString("origin", context.Origin);
            w.WriteString("generated", AnalysisJson.FormatTime(context.Generated));
            w.WriteStartArray("incidents");
            foreach (var incident in incidents)
            {
                w.WriteStartObject();
                w.WriteStartArray("summary");
                ReportText.Summary(incident).ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteStartArray("marks");
                foreach (var (time, label) in Marks(incident, context))
                {
                    w.WriteStartObject();
                    w.WriteString("time", AnalysisJson.FormatTime(time));
                    w.WriteString("label", label);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WritePropertyName("incident");
                AnalysisJson.Write(w, incident);
                w.WriteStartArray("method_and_limits");
                ReportText.MethodAndLimits(incident, context).ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("database", context.Database);
            w.WriteStartArray("attribution");
            foreach (var credit in context.Attribution)
            {
                w.WriteStringValue(credit);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Detection plus the context's marks (mitigation announced/withdrawn …).</summary>
    private static List<(DateTimeOffset Time, string Label)> Marks(IncidentReport incident, ReportContext context)
    {
        var marks = new List<(DateTimeOffset, string)> { (incident.Detected, "detected") };
        marks.AddRange(context.Marks);
        return marks;
    }
}
