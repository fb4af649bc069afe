using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Detection.L7;
using Breakwater.Ingest;
using Breakwater.Wire;

namespace Breakwater.Analysis;

/// <summary>
/// Composes input readers and the detection engine into the <c>breakwater.analysis/v1</c> document. Used by
/// <c>breakwater analyze</c> and <c>demo</c>; no console, no exit codes: callers map exceptions (see the CLI's error map).
/// </summary>
public static partial class OfflineAnalysis
{
    private const int PacketsPerBatch = 1 << 16;

    /// <summary>
    /// Reads every input in order into one engine. Throws <see cref="CaptureFormatException"/> for a file that is
    /// not a capture, <see cref="IOException"/> when reading fails, <see cref="OperationCanceledException"/> on cancel.
    /// </summary>
    public static AnalysisDocument Run(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var engine = new DetectionEngine(request.Settings, baseline: request.Baseline);
        var http = new HttpFloodDetector(L7Settings.From(request.Settings, request.Service));
        var totals = new InputTotals();
        var clock = new InputClock();
        foreach (var file in request.Captures)
        {
            if (IsAccessLog(file))
            {
                ReadAccessLog(file, http, totals, request.Progress, cancellationToken);
            }
            else
            {
                var sink = new HttpPacketSink<TimeCheckedSink<DetectionSink>>(new TimeCheckedSink<DetectionSink>(new DetectionSink(engine), clock), http);
                ReadCapture(file, sink, totals, request.Progress, cancellationToken);
            }
        }

        engine.Complete();
        http.Complete();
        totals.AddClock(clock);
        return new AnalysisDocument
        {
            Input = totals.ToSummary(),
            Incidents = [.. engine.Incidents, .. http.Incidents],
            Hosts = engine.GetHostsSummary(),
            Prefixes = engine.PrefixSummaries,
            Warnings = totals.Warnings,
        };
    }

    private static void ReadCapture<TSink>(string file, TSink sink, InputTotals totals, IAnalysisProgress? progress, CancellationToken cancellationToken)
        where TSink : struct, ITrafficSink
    {
        try
        {
            using var reader = CaptureFileReader.Open(file);
            progress?.Begin(file, reader.Length);
            while (reader.Read(ref sink, PacketsPerBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(reader.Position, reader.Stats.Packets);
            }

            progress?.End();
            totals.Add(file, reader.Format, reader.Stats);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The device failed under the file, or it is not readable: a bad input, named, not an internal error.
            throw new CaptureFormatException($"{file} cannot be read: {(e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.'))}.", e);
        }
    }
}
