using System.Text.Json;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.AccessLogs;

/// <summary>Counts for one access log source: lines, requests, malformed lines per reason, time span.</summary>
public sealed class AccessLogStats
{
    private readonly long[] _malformed = new long[Enum.GetValues<AccessLogMalformed>().Length];

    public long Lines { get; internal set; }

    public long Requests { get; internal set; }

    /// <summary>Lines holding only white space: skipped, not malformed.</summary>
    public long Blank { get; internal set; }

    public long Bytes { get; internal set; }

    /// <summary>Earliest and latest request time (Unix nanoseconds); valid when <see cref="Requests"/> &gt; 0.</summary>
    public long FirstNanos { get; internal set; } = long.MaxValue;

    public long LastNanos { get; internal set; } = long.MinValue;

    public long Malformed { get; private set; }

    public long MalformedFor(AccessLogMalformed reason) => _malformed[(int)reason];

    /// <summary>Adds another source's counts (a rotated file's to its follower's).</summary>
    internal void Add(AccessLogStats other)
    {
        Lines += other.Lines;
        Requests += other.Requests;
        Blank += other.Blank;
        Bytes += other.Bytes;
        FirstNanos = Math.Min(FirstNanos, other.FirstNanos);
        LastNanos = Math.Max(LastNanos, other.LastNanos);
        Malformed += other.Malformed;
        for (var i = 0; i < _malformed.Length; i++)
        {
            _malformed[i] += other._malformed[i];
        }
    }

    internal void CountMalformed(AccessLogMalformed reason)
    {
        _malformed[(int)reason]++;
        Malformed++;
    }

    /// <summary>Malformed lines per reason, keyed as the analysis document writes them (snake_case).</summary>
    public IEnumerable<KeyValuePair<string, long>> MalformedReasons()
    {
        foreach (var reason in Enum.GetValues<AccessLogMalformed>())
        {
            if (reason != AccessLogMalformed.None && _malformed[(int)reason] > 0)
            {
                yield return new(JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()), _malformed[(int)reason]);
            }
        }
    }
}
