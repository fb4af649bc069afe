using Breakwater.Core;
using Breakwater.Ingest.AccessLogs;
using Breakwater.Wire.Http;

namespace Breakwater.Analysis;

internal sealed partial class InputTotals
{
    private readonly Dictionary<string, long> _logMalformed = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _logFormats = new(StringComparer.Ordinal);
    private long _logLines;
    private long _logRequests;
    private long _logMalformedTotal;

    public void AddAccessLog(string file, AccessLogFileReader reader)
    {
        Files.Add(Path.GetFileName(file));
        _formats.Add("access_log");
        _logFormats.Add(AccessLogParser.Name(reader.Format));
        var stats = reader.Stats;
        _logLines += stats.Lines;
        _logRequests += stats.Requests;
        _logMalformedTotal += stats.Malformed;
        foreach (var (reason, count) in stats.MalformedReasons())
        {
            _logMalformed[reason] = _logMalformed.GetValueOrDefault(reason) + count;
        }

        if (stats.Requests > 0)
        {
            _first = Math.Min(_first, stats.FirstNanos);
            _last = Math.Max(_last, stats.LastNanos);
        }

        if (reader.Truncated)
        {
            Truncated = true;
            Warnings.Add($"{Path.GetFileName(file)} is truncated: its gzip data is damaged; the {stats.Requests:N0} requests before the damage were analysed.");
        }

        if (stats.Malformed > 0)
        {
            Warnings.Add($"{Path.GetFileName(file)}: {stats.Malformed:N0} of {stats.Lines:N0} lines were not read ({string.Join(", ", stats.MalformedReasons().Select(r => $"{r.Key} {r.Value:N0}"))}).");
        }
    }

    private AccessLogInput? AccessLogSummary() => _logFormats.Count == 0
        ? null
        : new AccessLogInput
        {
            Lines = _logLines,
            Requests = _logRequests,
            Malformed = _logMalformedTotal,
            MalformedReasons = _logMalformed,
            Formats = [.. _logFormats],
        };
}
