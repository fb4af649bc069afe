using System.Globalization;
using Breakwater.Core;
using Breakwater.Core.Forensics;
using Breakwater.Forensics.Geo;

namespace Breakwater.Forensics.Analysis;

/// <summary>
/// Countries and ASNs of an incident's sampled sources with packet and byte shares, concentration and a reading
/// that a public claim can be checked against. Never names a country as the attacker.
/// </summary>
internal static class SourceGeography
{
    private const int MaxRows = 50;
    private const int MaxParticipants = 500;

    public static SourcesReport Build(IncidentReport incident, IncidentEvidence evidence, GeoInfo[] geo, GeoDatabase database, SpoofingReport spoofing)
    {
        var sample = evidence.Sources;
        long packets = 0, bytes = 0;
        foreach (var s in sample)
        {
            packets += s.Packets;
            bytes += s.Bytes;
        }

        var countries = new Dictionary<string, Acc>(StringComparer.Ordinal);
        var asns = new Dictionary<long, Acc>();
        long unknown = 0;
        for (var i = 0; i < sample.Count; i++)
        {
            var s = sample[i];
            if (geo[i].Country is { } code)
            {
                Accumulate(countries, code, s, geo[i].AsnName);
            }
            else
            {
                unknown += s.Packets;
            }

            if (geo[i].HasAsn)
            {
                Accumulate(asns, geo[i].Asn, s, geo[i].AsnName);
            }
        }

        var total = Math.Max(1, packets);
        var totalBytes = Math.Max(1, bytes);
        var countryRows = countries.OrderByDescending(kv => kv.Value.Packets).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var asnRows = asns.OrderByDescending(kv => kv.Value.Packets).ThenBy(kv => kv.Key).ToList();
        var countryShares = countryRows.Select(kv => (double)kv.Value.Packets / total).ToList();
        var asnShares = asnRows.Select(kv => (double)kv.Value.Packets / total).ToList();
        var concentration = new Concentration
        {
            CountryTop1 = R(countryShares.FirstOrDefault()),
            CountryTop5 = R(countryShares.Take(5).Sum()),
            CountryHerfindahl = R(countryShares.Sum(x => x * x)),
            AsnTop1 = R(asnShares.FirstOrDefault()),
            AsnTop5 = R(asnShares.Take(5).Sum()),
            AsnHerfindahl = R(asnShares.Sum(x => x * x)),
        };

        var topCode = countryRows.Count > 0 ? countryRows[0].Key : null;
        var error = topCode is null ? 0 : ShareError95(sample, geo, topCode, evidence.SampleProbability);
        return new SourcesReport
        {
            Countries = [.. countryRows.Take(MaxRows).Select(kv => new CountryShare
            {
                Code = kv.Key,
                Name = CountryNames.Of(kv.Key),
                Packets = (long)Math.Round((double)kv.Value.Packets / total * incident.Packets),
                Share = R((double)kv.Value.Packets / total),
                BytesShare = R((double)kv.Value.Bytes / totalBytes),
                Sources = kv.Value.Sources,
            })],
            Asns = [.. asnRows.Take(MaxRows).Select(kv => new AsnShare
            {
                Asn = kv.Key,
                Name = kv.Value.Name,
                Packets = (long)Math.Round((double)kv.Value.Packets / total * incident.Packets),
                Share = R((double)kv.Value.Packets / total),
                BytesShare = R((double)kv.Value.Bytes / totalBytes),
                Sources = kv.Value.Sources,
            })],
            CountryCount = countries.Count,
            AsnCount = asns.Count,
            Concentration = concentration,
            Reading = Reading(database, countryRows.Count, asns.Count, topCode, concentration, error, spoofing, sample.Count),
            Caveat = Caveat(spoofing),
            UnknownShare = R((double)unknown / total),
            Participants = spoofing.Verdict == "forged" ? [] : Participants(sample, geo),
            Database = database.Status,
            Sample = new SourceSampleInfo
            {
                Sources = sample.Count,
                Probability = evidence.SampleProbability,
                ShareError95 = R(error),
                Method = evidence.SampleProbability >= 1
                    ? "every source of the analysed traffic (no sampling); shares are exact for it"
                    : Invariant($"sources sampled by address hash with probability {evidence.SampleProbability:G3} (1 in {1 / evidence.SampleProbability:N0}), every packet of a sampled source counted; the largest country's share is within ±{error * 100:0.0} points (95 %)"),
            },
        };
    }

    /// <summary>Shown with the tables whenever the addresses are not the senders'.</summary>
    public static string? Caveat(SpoofingReport spoofing) => spoofing.Verdict switch
    {
        "forged" => "Source addresses are forged: these countries and networks are where random addresses fall, not where the packets came from.",
        "reflected" => "Sources are reflectors (servers abused to amplify): these countries and networks are where the reflectors are, not where the attack was launched.",
        "unknown" => "Whether the source addresses are real could not be established; read these countries and networks with care.",
        _ => null,
    };

    private static string Reading(
        GeoDatabase database, int countries, int asns, string? top, Concentration c, double error, SpoofingReport spoofing, int sampled)
    {
        if (!database.HasCountry)
        {
            return $"{database.Status}.";
        }

        if (top is null)
        {
            return sampled == 0 ? "no sources were sampled." : "no sampled source has a country in the database.";
        }

        var name = CountryNames.Of(top);
        var label = name is null ? top : $"{top} ({name})";
        var reading = Invariant(
            $"sources in {countries} {(countries == 1 ? "country" : "countries")} and {asns} {(asns == 1 ? "network (ASN)" : "networks (ASNs)")}; the largest, {label}, holds {c.CountryTop1 * 100:0.#} % of packets");
        if (error >= 0.005)
        {
            reading += Invariant($" (±{error * 100:0.#} points)");
        }

        reading += Invariant($"; the five largest hold {c.CountryTop5 * 100:0.#} %.");
        reading += spoofing.Verdict switch
        {
            "forged" => " The addresses are forged, so this describes random addresses, not the senders.",
            "reflected" => " These are reflectors, not the attackers.",
            _ => " Where sources sit says where compromised or abused machines are, not who directed the attack.",
        };
        return reading;
    }

    /// <summary>95 % half-width of the top country's share: ratio estimator over the sampled sources (0 for a full census).</summary>
    private static double ShareError95(IReadOnlyList<SampledSource> sample, GeoInfo[] geo, string code, double probability)
    {
        var k = sample.Count;
        if (probability >= 1 || k < 2)
        {
            return 0;
        }

        double total = 0, inCountry = 0;
        for (var i = 0; i < k; i++)
        {
            total += sample[i].Packets;
            inCountry += geo[i].Country == code ? sample[i].Packets : 0;
        }

        var share = inCountry / total;
        var mean = total / k;
        double sum = 0;
        for (var i = 0; i < k; i++)
        {
            var x = geo[i].Country == code ? sample[i].Packets : 0;
            var d = x - (share * sample[i].Packets);
            sum += d * d;
        }

        var variance = sum / (k - 1) / k / (mean * mean) * (1 - probability);
        return 1.96 * Math.Sqrt(variance);
    }

    private static List<ParticipantSource> Participants(IReadOnlyList<SampledSource> sample, GeoInfo[] geo) =>
        [.. Enumerable.Range(0, sample.Count)
            .OrderByDescending(i => sample[i].Packets)
            .Take(MaxParticipants)
            .Select(i => new ParticipantSource
            {
                Address = sample[i].Address.ToString(),
                Country = geo[i].Country,
                Asn = geo[i].HasAsn ? geo[i].Asn : null,
                AsnName = geo[i].AsnName,
                Packets = sample[i].Packets,
                FirstSeen = FromNanos(sample[i].FirstNanos),
                LastSeen = FromNanos(sample[i].LastNanos),
            })];

    private static DateTimeOffset FromNanos(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);

    private static void Accumulate<TKey>(Dictionary<TKey, Acc> map, TKey key, SampledSource s, string? name)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var acc))
        {
            map[key] = acc = new Acc { Name = name };
        }

        acc.Packets += s.Packets;
        acc.Bytes += s.Bytes;
        acc.Sources++;
    }

    private static double R(double x) => Math.Round(x, 4);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Acc
    {
        public long Packets;
        public long Bytes;
        public int Sources;
        public string? Name;
    }
}
