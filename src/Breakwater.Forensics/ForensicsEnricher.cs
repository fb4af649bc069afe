using System.Globalization;
using Breakwater.Core;
using Breakwater.Core.Forensics;
using Breakwater.Forensics.Analysis;
using Breakwater.Forensics.Geo;
using Breakwater.Forensics.Intel;
using Breakwater.Wire;

namespace Breakwater.Forensics;

/// <summary>
/// Adds forensics to incidents that carry the engine's evidence: countries and ASNs of the sampled sources,
/// the spoofing verdict, Mirai-family evidence, intel list hits and linked botnet commands, and the timeline.
/// Cold path: runs when an incident is reported, not per packet.
/// </summary>
public sealed class ForensicsEnricher(GeoDatabase geo, IntelSet? intel = null)
{
    private const int MaxKnownSources = 20;

    public GeoDatabase Geo { get; } = geo;

    public IntelSet? Intel { get; } = intel;

    public void Enrich(AnalysisDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var incident in document.Incidents)
        {
            Enrich(incident);
        }
    }

    public void Enrich(IncidentReport incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var evidence = incident.Evidence;
        if (evidence is null && incident.Http is not null)
        {
            // Web requests: each client completed a TCP handshake, so its address is real (a proxy's, when requests
            // carry X-Forwarded-For chains). The top clients get their country and ASN; intel covers them and the commands.
            incident.Spoofing = new SpoofingReport
            {
                Verdict = "genuine",
                Reasons = ["HTTP requests complete a TCP handshake first: client addresses cannot be forged (they may be proxies)"],
            };
            incident.SpoofedSourcesLikely = false;
            incident.TopSources = [.. incident.TopSources.Select(Located)];
            incident.Intel = Intel is null || Intel.IsEmpty ? null : BuildIntel(incident, null, []);
            return;
        }

        if (evidence is null)
        {
            incident.Spoofing ??= new SpoofingReport { Verdict = "unknown", Reasons = ["no per-packet analysis of this incident (too many hot targets at once)"] };
            incident.Intel = Intel is null || Intel.IsEmpty ? null : BuildIntel(incident, null, []);
            return;
        }

        var sample = evidence.Sources;
        var addresses = new NetAddress[sample.Count];
        for (var i = 0; i < addresses.Length; i++)
        {
            addresses[i] = sample[i].Address;
        }

        var info = new GeoInfo[addresses.Length];
        Geo.LookupMany(addresses, info);
        var spoofing = SpoofingAssessor.Assess(incident, evidence, info, Geo, Geo.RoutedV4Share);
        incident.Spoofing = spoofing;
        incident.SpoofedSourcesLikely = spoofing.Verdict switch
        {
            "forged" => true,
            "genuine" or "reflected" => false,
            _ => incident.SpoofedSourcesLikely,
        };
        incident.Sources = SourceGeography.Build(incident, evidence, info, Geo, spoofing);
        incident.TopSources = [.. incident.TopSources.Select(Located)];
        incident.Botnet = BotnetAssessor.Assess(incident, evidence);
        incident.Timeline = BuildTimeline(incident, evidence);
        incident.Intel = Intel is null || Intel.IsEmpty ? null : BuildIntel(incident, evidence, addresses);
    }

    private SourceReport Located(SourceReport s)
    {
        var g = NetAddress.TryParse(s.Address, out var a) ? Geo.Lookup(a) : default;
        return new SourceReport { Address = s.Address, Packets = s.Packets, Pps = s.Pps, Country = g.Country, Asn = g.HasAsn ? g.Asn : null, AsnName = g.AsnName };
    }

    private static TimelineReport? BuildTimeline(IncidentReport incident, IncidentEvidence evidence)
    {
        if (evidence.Timeline is not { } t)
        {
            return null;
        }

        return new TimelineReport
        {
            Start = t.Start,
            StepSeconds = t.StepSeconds,
            Series = [.. t.Series.Select(s => new TimelineSeries { Vector = s.Vector, Packets = [.. s.Packets.Select(p => p / t.StepSeconds)] })],
            PreTriggerSeconds = Math.Max(0, Math.Round((incident.Detected - t.Start).TotalSeconds, 3)),
        };
    }

    private IntelReport BuildIntel(IncidentReport incident, IncidentEvidence? evidence, NetAddress[] addresses)
    {
        var intel = Intel!;
        double? share = null;
        var known = new List<KnownSource>();
        if (intel.Entries.Count > 0 && evidence is not null)
        {
            long total = 0, hit = 0;
            var at = incident.Start;
            var valid = intel.Entries.Where(e => e.ValidAt(at)).ToList();
            var hosts = new Dictionary<NetAddress, IntelEntry>();
            foreach (var e in valid.Where(e => e.Prefix.MappedLength == 128))
            {
                hosts.TryAdd(e.Prefix.Network, e);
            }

            var networks = valid.Where(e => e.Prefix.MappedLength < 128).ToList();
            for (var i = 0; i < addresses.Length; i++)
            {
                var packets = evidence.Sources[i].Packets;
                total += packets;
                var entry = hosts.GetValueOrDefault(addresses[i]) ?? networks.FirstOrDefault(e => e.Prefix.Contains(addresses[i]));
                if (entry is not null)
                {
                    hit += packets;
                    known.Add(new KnownSource { Address = addresses[i].ToString(), Packets = packets, Label = entry.Label, List = entry.List });
                }
            }

            share = total > 0 ? Math.Round((double)hit / total, 4) : 0;
        }

        return new IntelReport
        {
            KnownSourcesShare = share,
            KnownSources = [.. known.OrderByDescending(k => k.Packets).Take(MaxKnownSources)],
            Commands = CommandMatcher.Match(incident, intel.Commands),
            Rule = CommandMatcher.Rule + string.Create(CultureInfo.InvariantCulture, $"; known sources: sampled sources inside an imported list entry valid at the incident's start"),
            Provenance = intel.Provenance,
        };
    }
}
