using System.Globalization;
using System.Text;
using Breakwater.Core;

namespace Breakwater.Alerts;

/// <summary>The readable form of an incident event (Slack text, mail subject and body).</summary>
public static class AlertText
{
    public static string Subject(AlertEvent alert, IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(incident);
        var what = alert.Name switch
        {
            "incident.ended" => "ended",
            "incident.updated" => "ongoing",
            _ => "detected",
        };
        var vector = incident.Vectors.Count > 0 ? incident.Vectors[0].Name : "attack";
        return Invariant($"[Breakwater] DDoS {what} on {incident.Target}: {vector}, peak {incident.PeakPps:N0} pps");
    }

    public static string Body(AlertEvent alert, IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(incident);
        var text = new StringBuilder();
        var group = incident.Group is null ? "" : $" (group {incident.Group})";
        text.AppendLine(alert.Name switch
        {
            "incident.ended" => $"Attack on {incident.Target}{group} ended after {Duration(incident)}.",
            "incident.updated" => $"Attack on {incident.Target}{group} is still going ({Duration(incident)} so far).",
            _ => $"DDoS attack on {incident.Target}{group} detected.",
        });
        if (incident.Vectors.Count > 0)
        {
            text.AppendLine("Vectors: " + string.Join(", ", incident.Vectors.Select(v => Invariant($"{v.Name} {v.Share * 100:0.#} %"))));
        }

        text.AppendLine(Invariant($"Peak: {incident.PeakPps:N0} packets/s, {incident.PeakBps / 1e6:N1} Mbit/s; {incident.Packets:N0} packets, {incident.Bytes / 1e6:N1} MB in all"));
        var spoofed = incident.SpoofedSourcesLikely ? " (likely spoofed)" : "";
        text.AppendLine(Invariant($"Sources: about {incident.UniqueSources:N0}{spoofed}"));
        text.AppendLine(Invariant($"Started: {AnalysisJson.FormatTime(incident.Start)}") + (incident.End is { } end ? $"; ended: {AnalysisJson.FormatTime(end)}" : ""));
        if (incident.Fingerprint is { } fingerprint)
        {
            text.AppendLine(Invariant($"Filter: {fingerprint.Filter} (coverage {fingerprint.Coverage * 100:0.#} %)"));
        }

        if (incident.Botnet is { } botnet)
        {
            text.AppendLine(Invariant($"Looks like: {botnet.Family} (confidence {botnet.Confidence:0.##}; a hint, not a certainty)"));
        }

        text.Append(CultureInfo.InvariantCulture, $"Incident: {incident.Id}");
        return text.ToString();
    }

    private static string Duration(IncidentReport incident)
    {
        var span = (incident.End ?? DateTimeOffset.UtcNow) - incident.Start;
        return span.TotalMinutes >= 1 ? Invariant($"{(int)span.TotalMinutes} min {span.Seconds} s") : Invariant($"{Math.Max(0, (int)span.TotalSeconds)} s");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
