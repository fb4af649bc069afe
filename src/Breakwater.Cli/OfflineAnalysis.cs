using System.Text.Json;
using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Ingest;
using Breakwater.Wire;

namespace Breakwater.Cli;

/// <summary>Composes capture readers and the detection engine into the analysis document.</summary>
internal static class OfflineAnalysis
{
    private const int PacketsPerBatch = 1 << 16;

    public static AnalysisDocument Run(IReadOnlyList<string> files, DetectionSettings settings, IAnalysisProgress? progress, CancellationToken cancellationToken)
    {
        var engine = new DetectionEngine(settings);
        var sink = new DetectionSink(engine);
        var formats = new HashSet<CaptureFormat>();
        var warnings = new List<string>();
        var malformedReasons = new Dictionary<string, long>(StringComparer.Ordinal);
        long packets = 0, bytes = 0, malformed = 0, nonIp = 0, first = long.MaxValue, last = long.MinValue;
        var truncated = false;

        foreach (var file in files)
        {
            using var reader = CaptureFileReader.Open(file);
            formats.Add(reader.Format);
            progress?.Begin(file, reader.Length);
            while (reader.Read(ref sink, PacketsPerBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(reader.Position, reader.Stats.Packets);
            }

            progress?.End();
            var stats = reader.Stats;
            packets += stats.Packets;
            bytes += stats.Bytes;
            malformed += stats.Malformed;
            nonIp += stats.NonIp;
            if (stats.Packets > 0)
            {
                first = Math.Min(first, stats.FirstNanos);
                last = Math.Max(last, stats.LastNanos);
            }

            foreach (var reason in Enum.GetValues<MalformedReason>())
            {
                var count = stats.MalformedFor(reason);
                if (reason is not MalformedReason.None and not MalformedReason.NotIp && count > 0)
                {
                    var key = JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
                    malformedReasons[key] = malformedReasons.GetValueOrDefault(key) + count;
                }
            }

            if (stats.Truncated)
            {
                truncated = true;
                warnings.Add($"{Path.GetFileName(file)} is truncated: its last record is incomplete or damaged; the {stats.Packets:N0} packets before it were analysed.");
            }
        }

        engine.Complete();
        return new AnalysisDocument
        {
            Input = new InputSummary
            {
                Files = files.Select(Path.GetFileName).ToArray()!,
                Format = formats.Count == 1 ? (formats.First() == CaptureFormat.Pcap ? "pcap" : "pcapng") : "mixed",
                Packets = packets,
                Bytes = bytes,
                First = packets > 0 ? DateTimeOffset.UnixEpoch.AddTicks(first / 100) : null,
                Last = packets > 0 ? DateTimeOffset.UnixEpoch.AddTicks(last / 100) : null,
                Malformed = malformed,
                MalformedReasons = malformedReasons,
                NonIp = nonIp,
                Truncated = truncated,
            },
            Incidents = engine.Incidents,
            Hosts = engine.GetHostsSummary(),
            Prefixes = engine.PrefixSummaries,
            Warnings = warnings,
        };
    }

}
