using System.Globalization;
using System.Text;
using Breakwater.Core;

namespace Breakwater.Forensics.Report;

/// <summary>
/// Per-ASN list of the participating sources of one incident for abuse desks and national CERTs: plain CSV
/// (<c>asn,as_name,country,address,first_seen,last_seen,packets,incident,target,vectors</c>, sorted by ASN then packets).
/// Refused for forged sources: they would accuse innocent networks.
/// </summary>
public static class AbuseReport
{
    public const string Header = "asn,as_name,country,address,first_seen,last_seen,packets,incident,target,vectors";

    /// <summary>The CSV, or null with <paramref name="refusal"/> saying why it cannot be given.</summary>
    public static string? Csv(IncidentReport incident, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(incident);
        refusal = null;
        if (incident.Spoofing?.Verdict == "forged")
        {
            refusal = "the source addresses of incident " + incident.Id + " are forged (" + string.Join("; ", incident.Spoofing.Reasons.Take(2)) +
                "), so an abuse report would accuse networks that did not send the traffic.";
            return null;
        }

        if (incident.Sources is not { Participants.Count: > 0 } sources)
        {
            refusal = "incident " + incident.Id + " carries no list of participating sources (it was analysed without forensics).";
            return null;
        }

        var vectors = string.Join(' ', incident.Vectors.Select(v => v.Name));
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var p in sources.Participants.OrderBy(p => p.Asn ?? long.MaxValue).ThenByDescending(p => p.Packets))
        {
            csv.Append(string.Join(',',
                p.Asn?.ToString(CultureInfo.InvariantCulture) ?? "",
                Intel.Csv.Field(p.AsnName),
                p.Country ?? "",
                p.Address,
                AnalysisJson.FormatTime(p.FirstSeen),
                AnalysisJson.FormatTime(p.LastSeen),
                p.Packets.ToString(CultureInfo.InvariantCulture),
                incident.Id,
                incident.Target,
                vectors)).Append('\n');
        }

        return csv.ToString();
    }
}
