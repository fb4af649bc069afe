using System.Buffers;
using System.IO.Compression;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.AccessLogs;

/// <summary>
/// Reads a web access log file (gzip-compressed transparently) in large chunks and hands each request to a struct
/// sink. The format is sniffed from the first lines unless given.
/// </summary>
public sealed class AccessLogFileReader : IDisposable
{
    internal const int BufferSize = 1 << 20;
    private const int SniffBytes = 64 * 1024;

    private readonly Stream _file;
    private readonly Stream _stream;
    private readonly AccessLogDecoder _decoder;
    private byte[] _buffer;
    private bool _done;

    private AccessLogFileReader(string path, Stream file, Stream stream, AccessLogFormat format, bool compressed)
    {
        Path = path;
        _file = file;
        _stream = stream;
        Compressed = compressed;
        _decoder = new AccessLogDecoder(format);
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        Length = file.CanSeek ? file.Length : 0;
    }

    public string Path { get; }

    public AccessLogFormat Format => _decoder.Format;

    public AccessLogStats Stats => _decoder.Stats;

    public bool Compressed { get; }

    /// <summary>Bytes of the file on disk (compressed size for .gz), for progress bars.</summary>
    public long Length { get; }

    /// <summary>Bytes of the file on disk consumed so far.</summary>
    public long Position => _file.CanSeek ? _file.Position : 0;

    /// <summary>
    /// Opens a log. With <see cref="AccessLogFormat.Unknown"/> the format is sniffed; a file that is no known log format
    /// throws <see cref="CaptureFormatException"/> naming the file.
    /// </summary>
    public static AccessLogFileReader Open(string path, AccessLogFormat format = AccessLogFormat.Unknown)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            var compressed = IsGzip(file);
            if (format == AccessLogFormat.Unknown)
            {
                format = SniffStream(compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file);
                if (format == AccessLogFormat.Unknown)
                {
                    throw new CaptureFormatException(
                        $"{System.IO.Path.GetFileName(path)} is not a web access log Breakwater reads (combined, nginx/Envoy JSON, Caddy JSON) nor a capture.");
                }

                file.Seek(0, SeekOrigin.Begin);
            }

            Stream stream = compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            return new AccessLogFileReader(path, file, stream, format, compressed);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The access log format of a file (gzip looked through), or <see cref="AccessLogFormat.Unknown"/>.</summary>
    public static AccessLogFormat Detect(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            return SniffStream(IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file);
        }
        catch (InvalidDataException)
        {
            return AccessLogFormat.Unknown;
        }
    }

    /// <summary>Reads up to about <paramref name="maxBytes"/> of the file; returns false at the end.</summary>
    public bool Read<TSink>(ref TSink sink, int maxBytes = int.MaxValue)
        where TSink : struct, IAccessLogSink
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_done)
        {
            return false;
        }

        var total = 0;
        while (total < maxBytes)
        {
            int read;
            try
            {
                read = _stream.Read(_buffer, 0, _buffer.Length);
            }
            catch (InvalidDataException)
            {
                Truncated = true; // corrupt gzip: keep what was decoded
                read = 0;
            }

            if (read == 0)
            {
                _decoder.Complete(ref sink);
                _done = true;
                return false;
            }

            _decoder.Append(new ReadOnlySpan<byte>(_buffer, 0, read), ref sink);
            total += read;
        }

        return true;
    }

    /// <summary>True when gzip data was damaged; the lines before the damage were read.</summary>
    public bool Truncated { get; private set; }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        _decoder.Dispose();
        _stream.Dispose();
        _file.Dispose();
    }

    private static bool IsGzip(Stream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Seek(0, SeekOrigin.Begin);
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static AccessLogFormat SniffStream(Stream stream)
    {
        var head = ArrayPool<byte>.Shared.Rent(SniffBytes);
        try
        {
            int n;
            try
            {
                n = stream.ReadAtLeast(head.AsSpan(0, SniffBytes), SniffBytes, throwOnEndOfStream: false);
            }
            catch (InvalidDataException)
            {
                return AccessLogFormat.Unknown;
            }

            var span = head.AsSpan(0, n);
            if (n == SniffBytes)
            {
                var lastNl = span.LastIndexOf((byte)'\n');
                span = lastNl < 0 ? span : span[..(lastNl + 1)];
            }

            return AccessLogParser.Sniff(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
            if (stream is GZipStream)
            {
                stream.Dispose();
            }
        }
    }
}
