using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>Turns a run and its analyser into the analysis document's incident (cold: at most once a second per incident).</summary>
internal sealed class ReportBuilder(GroupLimits[] groups, DetectionClock clock, bool outgoing = false)
{
    /// <summary>Seconds between fingerprint searches for the once-a-second live updates.</summary>
    public const int FingerprintRefreshSeconds = 10;

    /// <summary>
    /// Copies a run into its incident's report. <paramref name="currentPackets"/> and <paramref name="currentBytes"/>
    /// are the second in progress (0 once it closed), so that a started or updated event is never empty.
    /// </summary>
    public void Refresh(
        Incident incident, in RunState run, long currentPackets, long currentBytes, long samples, long samplingRate, int group, bool periodic)
    {
        var report = incident.Report;
        report.Packets = run.RunPackets + currentPackets;
        report.Bytes = run.RunBytes + currentBytes;
        report.PeakPps = Math.Round(Math.Max(run.RunPeakPps, currentPackets), 1);
        report.PeakBps = Math.Round(Math.Max(run.RunPeakBps, currentBytes * 8.0), 1);
        var notes = new List<string>(incident.Notes);
        if (samplingRate > 1 && samples > 0 && samples < SampledRate.FewSamples)
        {
            notes.Add(SampledNote(samples, samplingRate, report.Packets));
        }

        // The run's tracker, not the one at opening: it may have been attached later when the pool was exhausted.
        var tracker = incident.Ended ? null : run.Tracker;
        Analyse(incident, tracker, group, run.GlobalPacketsAtStart, periodic, notes);
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
            var attack = new bool[IncidentTracker.ClassCount];
            var duration = Math.Min(incident.LastAttackSecond - incident.StartSecond + 1, clock.InputSpan);

            // A group with only a bit-rate limit has no packet rate to call normal: only the 2 % rule applies there.
            var minLimit = groups[group].MinPacketLimit;
            var backgroundPps = double.IsPositiveInfinity(minLimit) ? 0 : minLimit * VectorRanking.BackgroundRateFraction;
            report.Vectors = VectorRanking.Build(tracker, report.Packets, report.Bytes, duration, backgroundPps, attack, notes);
            var other = (incident.Ended ? incident.GlobalPacketsAtEnd : clock.GlobalPackets) - globalPacketsAtStart - report.Packets;

            // The search costs milliseconds: live updates redo it every few seconds, final and read views always.
            if (!periodic || report.Fingerprint is null || clock.Second - incident.LastFingerprintSecond >= FingerprintRefreshSeconds)
            {
                report.Fingerprint = incident.Prefix is { } prefix
                    ? FingerprintSearch.Find(prefix, tracker, attack, other)
                    : FingerprintSearch.Find(incident.Target, tracker, attack, other, outgoing);
                incident.LastFingerprintSecond = clock.Second;
            }

            report.SpoofedSourcesLikely = SpoofingHeuristic.IsLikely(tracker, report.UniqueSources, notes);
            report.Botnet = BotnetHeuristic.Assess(tracker);
            var attackSeconds = Math.Max(1, duration);
            report.TopSources = [.. tracker.TopSources.Top(10).Select(s => new SourceReport
            {
                Address = s.Address.ToString(),
                Packets = s.Count,
                Pps = Math.Round(s.Count / attackSeconds, 1),
            })];
            report.UniqueSourcesError = Math.Round(1.04 / Math.Sqrt(1 << IncidentTracker.SourcePrecision), 4);
            if (outgoing)
            {
                // The outgoing engine sees each record turned round: its "sources" are the sender's destinations.
                report.Victims = report.TopSources;
                report.TopSources = [];
                report.UniqueSources = 1;
                report.UniqueSourcesError = null;
                report.SpoofedSourcesLikely = false;
            }

            report.Evidence = tracker.Forensics.Snapshot(tracker, report.Vectors.Any(v => v.Name == VectorNames.DnsWaterTorture));
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

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
