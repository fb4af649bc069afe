using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Ingest;

namespace Breakwater.Analysis;

/// <summary>
/// Composes input readers and the detection engine into the <c>breakwater.analysis/v1</c> document. Used by
/// <c>breakwater analyze</c> and <c>demo</c>; no console, no exit codes: callers map exceptions (see the CLI's error map).
/// </summary>
public static class OfflineAnalysis
{
    private const int PacketsPerBatch = 1 << 16;

    /// <summary>
    /// Reads every input in order into one engine. Throws <see cref="CaptureFormatException"/> for a file that is
    /// not a capture, <see cref="IOException"/> when reading fails, <see cref="OperationCanceledException"/> on cancel.
    /// </summary>
    public static AnalysisDocument Run(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var engine = new DetectionEngine(request.Settings);
        var totals = new InputTotals();
        foreach (var file in request.Captures)
        {
            ReadCapture(file, engine, totals, request.Progress, cancellationToken);
        }

        engine.Complete();
        return new AnalysisDocument
        {
            Input = totals.ToSummary(),
            Incidents = engine.Incidents,
            Hosts = engine.GetHostsSummary(),
            Prefixes = engine.PrefixSummaries,
            Warnings = totals.Warnings,
        };
    }

    private static void ReadCapture(string file, DetectionEngine engine, InputTotals totals, IAnalysisProgress? progress, CancellationToken cancellationToken)
    {
        var sink = new DetectionSink(engine);
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
}
