using Breakwater.Detection.L7;
using Breakwater.Ingest.AccessLogs;
using Breakwater.Wire.Http;

namespace Breakwater.Analysis;

public static partial class OfflineAnalysis
{
    private const int AccessLogBytesPerBatch = 4 << 20;

    /// <summary>Whether a file is a web access log rather than a capture (content sniffed, gzip looked through).</summary>
    public static bool IsAccessLog(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using (var file = File.OpenRead(path))
        {
            var n = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            if (n == 4 && IsCaptureMagic(head))
            {
                return false;
            }
        }

        return AccessLogFileReader.Detect(path) != AccessLogFormat.Unknown;
    }

    private static bool IsCaptureMagic(ReadOnlySpan<byte> head) =>
        head.SequenceEqual((ReadOnlySpan<byte>)[0xD4, 0xC3, 0xB2, 0xA1]) || head.SequenceEqual((ReadOnlySpan<byte>)[0xA1, 0xB2, 0xC3, 0xD4])
        || head.SequenceEqual((ReadOnlySpan<byte>)[0x4D, 0x3C, 0xB2, 0xA1]) || head.SequenceEqual((ReadOnlySpan<byte>)[0xA1, 0xB2, 0x3C, 0x4D])
        || head.SequenceEqual((ReadOnlySpan<byte>)[0x0A, 0x0D, 0x0D, 0x0A]);

    private static void ReadAccessLog(string file, HttpFloodDetector http, InputTotals totals, IAnalysisProgress? progress, CancellationToken cancellationToken)
    {
        var sink = new HttpLogSink(http);
        using var reader = AccessLogFileReader.Open(file);
        progress?.Begin(file, reader.Length);
        while (reader.Read(ref sink, AccessLogBytesPerBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(reader.Position, reader.Stats.Requests);
        }

        progress?.End();
        totals.AddAccessLog(file, reader);
    }

    /// <summary>Hands log requests to the HTTP flood detector.</summary>
    private readonly struct HttpLogSink(HttpFloodDetector detector) : IAccessLogSink
    {
        public void OnRequest(ref AccessLogEntry entry) => detector.Add(ref entry);
    }
}
