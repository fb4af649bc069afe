using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>Turns engine state into the analysis document's incident, prefix and host views.</summary>
public sealed partial class DetectionEngine
{
    /// <summary>Vectors under this share of an incident's packets are background, not a vector of their own.</summary>
    internal const double MinVectorShare = 0.02;

    /// <summary>
    /// Under this share, a vector whose average rate is also under <see cref="BackgroundRateFraction"/> of the group's
    /// lowest packet limit is the target's normal traffic carrying on during the attack, not part of it.
    /// </summary>
    internal const double BackgroundShare = 0.10;

    internal const double BackgroundRateFraction = 0.25;

    /// <summary>Seconds between fingerprint searches for the once-a-second live updates.</summary>
    internal const int FingerprintRefreshSeconds = 10;

    /// <summary>Per-prefix summaries of incidents inside protected networks (several hosts of one prefix).</summary>
    public IReadOnlyList<PrefixSummary> PrefixSummaries
    {
        get
        {
            var summaries = new List<PrefixSummary>();
            var reports = Incidents;
            var byReport = _incidents.ToDictionary(i => i.Report);
            foreach (var group in reports.Where(r => byReport[r].Network >= 0 && !byReport[r].IsPrefix).GroupBy(r => byReport[r].Network).OrderBy(g => g.Key))
            {
                // One summary per wave: incidents whose spans overlap (with the quiet period as slack) belong together.
                var wave = new List<IncidentReport>();
                DateTimeOffset? waveEnd = null;
                foreach (var report in group.OrderBy(r => r.Start))
                {
                    if (wave.Count > 0 && waveEnd is { } e && report.Start > e.AddSeconds(Settings.QuietSeconds))
                    {
                        AddSummary(summaries, group.Key, wave);
                        wave = [];
                        waveEnd = null;
                    }

                    wave.Add(report);
                    var end = report.End ?? DateTimeOffset.MaxValue.AddDays(-1);
                    waveEnd = waveEnd is null || end > waveEnd ? end : waveEnd;
                }

                AddSummary(summaries, group.Key, wave);
            }

            // Prefix-level (carpet bombing) incidents: one summary each, listing the hosts seen under attack.
            foreach (var report in reports.Where(r => byReport[r].IsPrefix))
            {
                summaries.Add(new PrefixSummary
                {
                    Prefix = report.Target,
                    Group = report.Group,
                    Targets = byReport[report].Hosts,
                    Incidents = [report.Id],
                    Start = report.Start,
                    End = report.End,
                    PeakPps = report.PeakPps,
                    PeakBps = report.PeakBps,
                    Packets = report.Packets,
                    Vectors = [.. report.Vectors.Select(v => v.Name)],
                });
            }

            return summaries;
        }
    }

    public HostsSummary GetHostsSummary(int top = 10) => new()
    {
        Observed = _destinations.Estimate(),
        TopTargets = [.. _topTargets.Top(top).Select(t => new TargetSummary
        {
            Address = t.Address.ToString(),
            PeakPps = Math.Round(t.Pps, 1),
            PeakBps = Math.Round(t.Bps, 1),
        })],
    };

    private void AddSummary(List<PrefixSummary> summaries, int network, List<IncidentReport> wave)
    {
        var targets = wave.Select(r => r.Target).Distinct().ToList();
        if (targets.Count < 2)
        {
            return;
        }

        var prefix = Settings.Networks[network];
        summaries.Add(new PrefixSummary
        {
            Prefix = prefix.Prefix.ToString(),
            Group = _groups[_networkGroups[network]].Name,
            Targets = targets,
            Incidents = [.. wave.Select(r => r.Id)],
            Start = wave.Min(r => r.Start),
            End = wave.All(r => r.End is not null) ? wave.Max(r => r.End) : null,
            PeakPps = wave.Sum(r => r.PeakPps),
            PeakBps = wave.Sum(r => r.PeakBps),
            Packets = wave.Sum(r => r.Packets),
            Vectors = [.. wave.SelectMany(r => r.Vectors).GroupBy(v => v.Name).OrderByDescending(g => g.Sum(v => v.Packets)).Select(g => g.Key)],
        });
    }

    /// <summary>Copies the engine's view of an open incident into its report (cold: at most once per second).</summary>
    private void Refresh(Incident incident, bool periodic = false)
    {
        if (incident.IsPrefix)
        {
            RefreshPrefix(incident, periodic);
            return;
        }

        ref var slot = ref _slots[incident.Slot];
        var report = incident.Report;

        // The second in progress counts too, so that a started or updated event is never empty.
        var open = slot.Second == _second && slot.ClosedSecond != _second;
        report.Packets = slot.RunPackets + (open ? slot.Packets : 0);
        report.Bytes = slot.RunBytes + (open ? slot.Bytes : 0);
        report.PeakPps = Math.Round(Math.Max(slot.RunPeakPps, open ? slot.Packets : 0), 1);
        report.PeakBps = Math.Round(Math.Max(slot.RunPeakBps, open ? slot.Bytes * 8.0 : 0), 1);
        var notes = new List<string>(incident.Notes);
        var samples = slot.RunSamples + (open ? slot.Samples : 0);
        if (slot.SamplingRate > 1 && samples > 0 && samples < SampledRate.FewSamples)
        {
            notes.Add(SampledNote(samples, slot.SamplingRate, report.Packets));
        }

        // The slot's tracker, not the one at opening: it may have been attached later when the pool was exhausted.
        var tracker = incident.Ended ? null : slot.Tracker;
        Analyse(incident, tracker, slot.Group, slot.GlobalPacketsAtStart, periodic, notes);
        report.Notes = notes;
    }

    /// <summary>"estimated from 23 samples at 1:1024 …": the packet count is a Poisson estimate, give its 95 % interval.</summary>
    private static string SampledNote(long samples, long rate, long packets)
    {
        var low = SampledRate.LowerBound(samples, 1.96) * rate;
        var high = SampledRate.UpperBound(samples, 1.96) * rate;
        return Invariant(
            $"rates estimated from {samples} samples at 1:{rate}: {packets} packets, 95 % interval {low:0} to {high:0}; peaks are one-second estimates");
    }

    /// <summary>Vectors, sources, fingerprint and heuristics from the incident's analyser (host or prefix).</summary>
    private void Analyse(Incident incident, IncidentTracker? tracker, int group, long globalPacketsAtStart, bool periodic, List<string> notes)
    {
        var report = incident.Report;
        if (tracker is not null && tracker.Records > 0)
        {
            report.UniqueSources = tracker.Sources.Estimate();
            var attack = new bool[VectorNames.Count];
            var span = Math.Max(_lastNanos - _firstNanos, RateFloorNanos) / (double)NanosPerSecond;
            var duration = Math.Min(incident.LastAttackSecond - incident.StartSecond + 1, span);
            // A group with only a bit-rate limit has no packet rate to call normal: only the 2 % rule applies there.
            var minLimit = _groups[group].MinPacketLimit;
            var backgroundPps = double.IsPositiveInfinity(minLimit) ? 0 : minLimit * BackgroundRateFraction;
            report.Vectors = BuildVectors(tracker, report.Packets, report.Bytes, duration, backgroundPps, attack, notes);
            var other = (incident.Ended ? incident.GlobalPacketsAtEnd : _globalPackets) - globalPacketsAtStart - report.Packets;
            // The search costs milliseconds: live updates redo it every few seconds, final and read views always.
            if (!periodic || report.Fingerprint is null || _second - incident.LastFingerprintSecond >= FingerprintRefreshSeconds)
            {
                report.Fingerprint = incident.Prefix is { } prefix
                    ? FingerprintSearch.Find(prefix, tracker, attack, other)
                    : FingerprintSearch.Find(incident.Target, tracker, attack, other);
                incident.LastFingerprintSecond = _second;
            }

            report.SpoofedSourcesLikely = SpoofingHeuristic.IsLikely(tracker, report.UniqueSources, notes);
            report.Botnet = BotnetHeuristic.Assess(tracker);
            report.TopSources = [.. tracker.TopSources.Top(10).Select(s => new SourceReport { Address = s.Address.ToString(), Packets = s.Count })];
            if (tracker.ClassifiedPackets() * 10 < report.Packets * 9)
            {
                notes.Add(Invariant($"vectors from {tracker.ClassifiedPackets()} of {report.Packets} packets (analysis starts when the rate passes the release level)"));
            }
        }
        else if (tracker is null && !incident.Ended)
        {
            notes.Add("no per-packet analysis: too many hot targets at once");
        }
    }

    private static List<VectorReport> BuildVectors(
        IncidentTracker tracker, long packets, long bytes, double seconds, double backgroundPps, bool[] attack, List<string> notes)
    {
        var classified = tracker.ClassifiedPackets();
        long classifiedBytes = 0;
        foreach (var v in tracker.Vectors)
        {
            classifiedBytes += v?.Bytes ?? 0;
        }

        if (classified == 0)
        {
            return [];
        }

        var waterTorture = false;
        if (tracker.Dns is { } dns && tracker.Vectors[(int)VectorKind.DnsWaterTorture] is { Packets: > 0 })
        {
            waterTorture = dns.IsWaterTorture(out var zone);
            if (waterTorture)
            {
                notes.Add(Invariant($"dns_water_torture: about {dns.DistinctNames} distinct names in {dns.Parsed} queries under {zone}"));
            }
        }

        // Group classes by reported name (plain DNS queries are a UDP flood), biggest first.
        var byName = new Dictionary<string, List<VectorKind>>(StringComparer.Ordinal);
        for (var k = 0; k < VectorNames.Count; k++)
        {
            if (tracker.Vectors[k] is not { Packets: > 0 })
            {
                continue;
            }

            var kind = (VectorKind)k;
            var name = kind == VectorKind.DnsWaterTorture && !waterTorture ? VectorNames.UdpFlood : VectorNames.Name(kind);
            if (!byName.TryGetValue(name, out var kinds))
            {
                byName[name] = kinds = [];
            }

            kinds.Add(kind);
        }

        var ranked = byName
            .Select(kv => (Name: kv.Key, Kinds: kv.Value, Packets: kv.Value.Sum(k => tracker.Vectors[(int)k]!.Packets)))
            .OrderByDescending(x => x.Packets)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        var result = new List<VectorReport>();
        foreach (var (name, kinds, vectorPackets) in ranked)
        {
            var share = (double)vectorPackets / classified;
            var background = share < MinVectorShare || (share < BackgroundShare && share * packets / seconds < backgroundPps);
            if (background && result.Count > 0)
            {
                continue;
            }

            var main = tracker.Vectors[(int)kinds.OrderByDescending(k => tracker.Vectors[(int)k]!.Packets).First()]!;
            if (kinds[0] == VectorKind.GreFlood)
            {
                notes.Add(Invariant($"gre_flood carries {main.DominantProtocol()} inside GRE; its ports are the inner ports"));
            }

            var vectorBytes = kinds.Sum(k => tracker.Vectors[(int)k]!.Bytes);
            foreach (var k in kinds)
            {
                attack[(int)k] = true;
            }

            result.Add(new VectorReport
            {
                Name = name,
                Share = Math.Round(share, 4),
                Packets = (long)Math.Round(share * packets),
                Bytes = classifiedBytes > 0 ? (long)Math.Round((double)vectorBytes / classifiedBytes * bytes) : 0,
                Protocol = VectorProtocol(kinds[0], main),
                TopSrcPorts = main.SourcePorts.Top(5, main.Packets),
                TopDstPorts = main.DestinationPorts.Top(5, main.Packets),
            });
        }

        return result;
    }

    private static string VectorProtocol(VectorKind kind, VectorStats stats) => kind switch
    {
        <= VectorKind.TcpReflection => "tcp",
        <= VectorKind.RpcPortmapAmplification => "udp",
        VectorKind.GreFlood => "gre",
        VectorKind.IcmpFlood => "icmp",
        VectorKind.IpFragmentFlood => stats.DominantProtocol(),
        VectorKind.HttpFlood => "tcp",
        _ => "ip",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
