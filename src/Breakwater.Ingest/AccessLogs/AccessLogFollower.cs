using System.Buffers;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.AccessLogs;

/// <summary>
/// Follows one web access log the way <c>tail -F</c> does, for the daemon: each <see cref="Poll"/> parses the lines
/// written since the last one, and rotation is followed in both forms logrotate uses. Rename-and-create: the open file
/// is read to its end, and kept open a little longer for the lines the web server writes before it reopens its log,
/// while the new file is read from its start. Copytruncate: a file shorter than the read position was truncated, and is
/// read again from its start. A missing file is waited for. Not thread-safe: one polling thread.
/// </summary>
public sealed class AccessLogFollower : IDisposable
{
    /// <summary>Empty polls after which a rotated-away file is closed (about 10 s at the daemon's 250 ms poll).</summary>
    internal const int RetireAfterEmptyPolls = 40;

    private const int BufferSize = 256 * 1024;
    private readonly AccessLogStats _closed = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private FollowedFile? _current;
    private FollowedFile? _retired;

    /// <summary>
    /// Follows <paramref name="path"/>; <see cref="AccessLogFormat.Unknown"/> sniffs the format from the first lines read.
    /// Unless <paramref name="fromStart"/>, what the file holds already is skipped; a file created later is read whole.
    /// </summary>
    public AccessLogFollower(string path, AccessLogFormat format, bool fromStart)
    {
        Path = path;
        Format = format;
        if (!fromStart && TryOpen())
        {
            _current!.Stream.Seek(0, SeekOrigin.End); // a daemon starts with what is written from now on
        }
    }

    public string Path { get; }

    /// <summary>The format read (<see cref="AccessLogFormat.Unknown"/> until the first lines are sniffed).</summary>
    public AccessLogFormat Format { get; private set; }

    /// <summary>Rotations by rename (the path now names a new file).</summary>
    public long Rotations { get; private set; }

    /// <summary>Rotations by truncation in place (copytruncate).</summary>
    public long Truncations { get; private set; }

    /// <summary>Whether the file is open (false while it does not exist).</summary>
    public bool IsOpen => _current is not null;

    /// <summary>Lines, requests and malformed lines of every generation read so far.</summary>
    public AccessLogStats Stats
    {
        get
        {
            var total = new AccessLogStats();
            total.Add(_closed);
            if (_retired is not null)
            {
                total.Add(_retired.Decoder.Stats);
            }

            if (_current is not null)
            {
                total.Add(_current.Decoder.Stats);
            }

            return total;
        }
    }

    /// <summary>
    /// Parses what was written since the last poll, up to about <paramref name="maxBytes"/>; returns true when the budget
    /// ran out before the end (poll again soon).
    /// </summary>
    public bool Poll<TSink>(ref TSink sink, int maxBytes)
        where TSink : struct, IAccessLogSink
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var budget = maxBytes;
        if (_retired is not null)
        {
            budget -= Drain(_retired, ref sink, budget, out _);
            if (_retired.EmptyPolls >= RetireAfterEmptyPolls)
            {
                Retire(ref sink);
            }
        }

        if (_current is null && !TryOpen())
        {
            return false;
        }

        var current = _current!;
        if (current.Stream.Length < current.Stream.Position)
        {
            // Copytruncate: what was copied away is gone, with any half line held back from it.
            Truncations++;
            current.Stream.Position = 0;
            ResetDecoder(current);
            current = _current!;
        }

        budget -= Drain(current, ref sink, budget, out var atEnd);
        if (!atEnd)
        {
            return true;
        }

        if (Replaced(current))
        {
            Rotations++;
            if (_retired is not null)
            {
                Retire(ref sink);
            }

            _retired = current;
            _current = null;
            if (TryOpen())
            {
                Drain(_current!, ref sink, Math.Max(budget, 0), out atEnd);
                return !atEnd;
            }
        }

        return false;
    }

    public void Dispose()
    {
        _current?.Dispose();
        _retired?.Dispose();
        _current = null;
        _retired = null;
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Reads <paramref name="file"/> up to its end or the budget; returns the bytes read.</summary>
    private int Drain<TSink>(FollowedFile file, ref TSink sink, int budget, out bool atEnd)
        where TSink : struct, IAccessLogSink
    {
        var total = 0;
        atEnd = false;
        while (total < budget)
        {
            var read = file.Stream.Read(_buffer, 0, Math.Min(_buffer.Length, budget - total));
            if (read == 0)
            {
                atEnd = true;
                break;
            }

            if (Format == AccessLogFormat.Unknown)
            {
                Format = Sniff(new ReadOnlySpan<byte>(_buffer, 0, read));
            }

            file.Decoder.Format = Format;
            file.Decoder.Append(new ReadOnlySpan<byte>(_buffer, 0, read), ref sink);
            total += read;
        }

        file.EmptyPolls = total == 0 ? file.EmptyPolls + 1 : 0;
        return total;
    }

    /// <summary>Closes the rotated-away file: a last line without its newline is taken as it is.</summary>
    private void Retire<TSink>(ref TSink sink)
        where TSink : struct, IAccessLogSink
    {
        var retired = _retired!;
        retired.Decoder.Complete(ref sink);
        _closed.Add(retired.Decoder.Stats);
        retired.Dispose();
        _retired = null;
    }

    private void ResetDecoder(FollowedFile file)
    {
        _closed.Add(file.Decoder.Stats);
        file.Decoder.Dispose();
        _current = new FollowedFile(file.Stream, new AccessLogDecoder(Format));
    }

    private bool TryOpen()
    {
        FileStream stream;
        try
        {
            stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }

        _current = new FollowedFile(stream, new AccessLogDecoder(Format));
        return true;
    }

    /// <summary>
    /// Whether the path now names another file than the one open (renamed or deleted, then created again). Linux names
    /// the file behind a descriptor in /proc/self/fd: the open file and a fresh open of the path are compared there.
    /// </summary>
    private bool Replaced(FollowedFile file)
    {
        var open = LinkOf(file.Stream);
        if (open is null)
        {
            return false;
        }

        try
        {
            using var now = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            return LinkOf(now) is { } fresh && fresh != open;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false; // renamed away and not yet created again: keep reading the old file
        }
    }

    private static string? LinkOf(FileStream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fd = stream.SafeFileHandle.DangerousGetHandle().ToInt64();
        return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
    }

    private static AccessLogFormat Sniff(ReadOnlySpan<byte> data)
    {
        var lastNl = data.LastIndexOf((byte)'\n');
        var format = lastNl < 0 ? AccessLogFormat.Unknown : AccessLogParser.Sniff(data[..(lastNl + 1)]);
        return format == AccessLogFormat.Unknown ? AccessLogFormat.Combined : format;
    }
}
