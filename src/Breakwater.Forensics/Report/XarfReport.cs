using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Breakwater.Core;

namespace Breakwater.Forensics.Report;

/// <summary>
/// The abuse report in X-ARF v4 (the JSON abuse reporting format, category <c>connection</c>, type <c>ddos</c>): one
/// report per participating source, one JSON object a line, sorted by ASN then packets like the CSV, so that a
/// network's abuse desk can take its own lines. Refused, like the CSV, for forged sources; reflected sources are
/// reported as reflectors (abused, not the attackers).
/// </summary>
public static class XarfReport
{
    public const string Version = "4.0.0";

    private static readonly HashSet<string> Protocols = new(StringComparer.Ordinal) { "tcp", "udp", "icmp", "sctp" };

    /// <summary>The report lines, or null with <paramref name="refusal"/> saying why it cannot be given.</summary>
    public static string? Lines(IncidentReport incident, XarfReporter reporter, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(reporter);
        if (AbuseReport.Csv(incident, out refusal) is null)
        {
            return null;
        }

        var vector = incident.Vectors.FirstOrDefault(v => Protocols.Contains(v.Protocol));
        if (vector is null)
        {
            refusal = $"incident {incident.Id} has no vector over TCP, UDP, ICMP or SCTP, the protocols an X-ARF v4 ddos report can name; use the CSV.";
            return null;
        }

        var reflected = incident.Spoofing?.Verdict == "reflected";
        var duration = Math.Max(1, (long)Math.Ceiling(((incident.End ?? incident.Detected) - incident.Start).TotalSeconds));
        var lines = new StringBuilder();
        foreach (var p in incident.Sources!.Participants.OrderBy(p => p.Asn ?? long.MaxValue).ThenByDescending(p => p.Packets))
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("xarf_version", Version);
                w.WriteString("report_id", ReportId(incident.Id, p.Address));
                w.WriteString("timestamp", AnalysisJson.FormatTime(p.FirstSeen));
                Contact(w, "reporter", reporter);
                Contact(w, "sender", reporter);
                w.WriteString("source_identifier", p.Address);
                w.WriteString("category", "connection");
                w.WriteString("type", "ddos");
                w.WriteString("evidence_source", "traffic_monitoring");
                if (Wire.NetAddress.TryParse(incident.Target, out _))
                {
                    w.WriteString("destination_ip", incident.Target);
                }

                w.WriteString("protocol", vector.Protocol);
                w.WriteString("attack_vector", vector.Name);
                if (incident.PeakPps >= 1)
                {
                    w.WriteNumber("peak_pps", (long)incident.PeakPps);
                }

                if (incident.PeakBps >= 1)
                {
                    w.WriteNumber("peak_bps", (long)incident.PeakBps);
                }

                w.WriteNumber("duration_seconds", duration);
                w.WriteString("first_seen", AnalysisJson.FormatTime(p.FirstSeen));
                w.WriteString("last_seen", AnalysisJson.FormatTime(p.LastSeen));
                w.WriteNumber("confidence", reflected ? 0.7 : 0.8);
                w.WriteString("description", Description(incident, p, vector.Name, reflected));
                w.WriteStartArray("tags");
                w.WriteStringValue("attack:" + vector.Name);
                w.WriteStringValue(reflected ? "role:reflector" : "role:participant");
                if (p.Asn is { } asn)
                {
                    w.WriteStringValue("asn:" + asn.ToString(CultureInfo.InvariantCulture));
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            lines.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
        }

        return lines.ToString();
    }

    private static void Contact(Utf8JsonWriter w, string name, XarfReporter reporter)
    {
        w.WriteStartObject(name);
        w.WriteString("org", reporter.Org);
        w.WriteString("contact", reporter.Contact);
        w.WriteString("domain", reporter.Domain);
        w.WriteEndObject();
    }

    private static string Description(IncidentReport incident, Core.Forensics.ParticipantSource p, string vector, bool reflected)
    {
        var role = reflected
            ? "answered spoofed requests and so reflected traffic (the host is abused, not the attacker; please close the open service)"
            : "sent attack traffic (the host is likely compromised; please have it cleaned)";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{p.Address} {role} in a {vector} against {incident.Target} (incident {incident.Id}): {p.Packets} packets seen between {AnalysisJson.FormatTime(p.FirstSeen)} and {AnalysisJson.FormatTime(p.LastSeen)}. Detected by Breakwater.");
        return text.Length <= 1000 ? text : text[..1000];
    }

    /// <summary>A UUID (version 4 layout) derived from the incident and the source, so that the same report always has the same id.</summary>
    private static string ReportId(string incident, string address)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(incident + "/" + address), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
