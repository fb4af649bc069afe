using System.Buffers;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.AccessLogs;

/// <summary>
/// Turns a byte stream of log lines, arriving in reads of any size, into requests: complete lines are parsed in place,
/// a line cut by a read waits for its end, an over-long line is skipped up to its newline and counted. Used by the
/// file reader and by the daemon's file follower; allocates nothing per line.
/// </summary>
public sealed class AccessLogDecoder : IDisposable
{
    private byte[] _pending = ArrayPool<byte>.Shared.Rent(4096);
    private int _pendingLength;
    private bool _skipping;
    private TimeCache _time;

    public AccessLogDecoder(AccessLogFormat format)
    {
        Format = format;
    }

    public AccessLogFormat Format { get; set; }

    public AccessLogStats Stats { get; } = new();

    /// <summary>True while bytes of a line without its newline are held back.</summary>
    public bool HasPartialLine => _pendingLength > 0 || _skipping;

    /// <summary>Parses every complete line in <paramref name="data"/> (after any held-back start of a line).</summary>
    public void Append<TSink>(ReadOnlySpan<byte> data, ref TSink sink)
        where TSink : struct, IAccessLogSink
    {
        Stats.Bytes += data.Length;
        if (_pendingLength > 0 || _skipping)
        {
            var nl = data.IndexOf((byte)'\n');
            if (nl < 0)
            {
                Hold(data);
                return;
            }

            Hold(data[..nl]);
            if (_skipping)
            {
                _skipping = false;
                _pendingLength = 0;
            }
            else
            {
                Line(new ReadOnlySpan<byte>(_pending, 0, _pendingLength), ref sink);
                _pendingLength = 0;
            }

            data = data[(nl + 1)..];
        }

        while (true)
        {
            var nl = data.IndexOf((byte)'\n');
            if (nl < 0)
            {
                break;
            }

            Line(data[..nl], ref sink);
            data = data[(nl + 1)..];
        }

        if (!data.IsEmpty)
        {
            Hold(data);
        }
    }

    /// <summary>End of input: a last line without a newline is parsed as it is.</summary>
    public void Complete<TSink>(ref TSink sink)
        where TSink : struct, IAccessLogSink
    {
        if (_skipping)
        {
            _skipping = false;
        }
        else if (_pendingLength > 0)
        {
            Line(new ReadOnlySpan<byte>(_pending, 0, _pendingLength), ref sink);
        }

        _pendingLength = 0;
    }

    public void Dispose()
    {
        if (_pending.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = [];
        }
    }

    private void Line<TSink>(ReadOnlySpan<byte> line, ref TSink sink)
        where TSink : struct, IAccessLogSink
    {
        var stats = Stats;
        stats.Lines++;
        if (line.Length <= 1 && (line.IsEmpty || line[0] == (byte)'\r'))
        {
            stats.Blank++;
            return;
        }

        var entry = default(AccessLogEntry);
        var reason = AccessLogParser.Parse(line, Format, ref entry, ref _time);
        if (reason != AccessLogMalformed.None)
        {
            if (reason != AccessLogMalformed.LineTooLong && AccessLogParser.IsBlank(line))
            {
                stats.Blank++;
                return;
            }

            stats.CountMalformed(reason);
            return;
        }

        stats.Requests++;
        if (entry.TimestampNanos < stats.FirstNanos)
        {
            stats.FirstNanos = entry.TimestampNanos;
        }

        if (entry.TimestampNanos > stats.LastNanos)
        {
            stats.LastNanos = entry.TimestampNanos;
        }

        sink.OnRequest(ref entry);
    }

    private void Hold(ReadOnlySpan<byte> part)
    {
        if (_skipping)
        {
            return;
        }

        if (_pendingLength + part.Length > AccessLogParser.MaxLineLength)
        {
            Stats.Lines++;
            Stats.CountMalformed(AccessLogMalformed.LineTooLong);
            _skipping = true;
            _pendingLength = 0;
            return;
        }

        if (_pendingLength + part.Length > _pending.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_pending.Length * 2, _pendingLength + part.Length));
            _pending.AsSpan(0, _pendingLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = larger;
        }

        part.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += part.Length;
    }
}
