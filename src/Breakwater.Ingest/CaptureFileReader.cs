using System.Buffers;
using Breakwater.Wire;

namespace Breakwater.Ingest;

/// <summary>
/// Reads a pcap or pcapng file (gzip-compressed transparently), decodes every frame with the Wire packet
/// decoder and hands traffic records to a struct sink. Large sequential reads; no allocation per packet.
/// </summary>
public sealed partial class CaptureFileReader : IDisposable
{
    /// <summary>Bytes read from the file per call; pcap records (≤ 256 KiB) always fit, pcapng blocks up to 16 MiB grow it once.</summary>
    internal const int BufferSize = 1 << 20;

    private readonly Stream _file;
    private readonly string _name;
    private readonly PcapngState _pcapng = new();
    private Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    // Offset in the (decompressed) capture of _buffer[0], so that damage is reported where it is in the file.
    private long _bufferOffset;
    private bool _endOfStream;
    private bool _done;
    private PcapHeader _pcap;
    private long _lastNanos;

    private CaptureFileReader(string path, Stream file)
    {
        Path = path;
        _name = System.IO.Path.GetFileName(path);
        _file = file;
        _stream = file;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        Length = file.CanSeek ? file.Length : 0;
    }

    public string Path { get; }

    public CaptureFormat Format { get; private set; }

    public CaptureStats Stats { get; } = new();

    /// <summary>Bytes of the file on disk (compressed size for .gz) — for progress bars.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes of the file on disk consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>True when the file was gzip-compressed.</summary>
    public bool Compressed { get; private set; }

    /// <summary>Opens and checks the file header. Throws <see cref="CaptureFormatException"/> naming the file and the magic found.</summary>
    public static CaptureFileReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return Open(file, path);
    }

    /// <summary>Reads a capture held in memory (tests, benchmarks, captures received over the API).</summary>
    internal static CaptureFileReader Open(byte[] capture, string name = "capture.pcap") =>
        Open(new MemoryStream(capture, writable: false), name);

    /// <summary>Reads a capture from any stream; the reader owns and disposes it. Gzip detection needs a seekable stream.</summary>
    internal static CaptureFileReader Open(Stream stream, string name)
    {
        CaptureFileReader? reader = null;
        try
        {
            reader = new CaptureFileReader(name, stream);
            reader.ReadFileHeader();
            return reader;
        }
        catch
        {
            if (reader is null)
            {
                stream.Dispose();
            }
            else
            {
                reader.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="maxPackets"/> packets into <paramref name="sink"/>; returns false at end of file.
    /// Malformed packets are counted in <see cref="Stats"/> and also reported to the sink.
    /// </summary>
    public bool Read<TSink>(ref TSink sink, int maxPackets = int.MaxValue)
        where TSink : struct, ITrafficSink
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_done)
        {
            return false;
        }

        var stats = Stats;
        long packets = 0;
        long bytes = 0;
        var first = stats.Packets == 0 ? long.MaxValue : stats.FirstNanos;
        var last = stats.Packets == 0 ? long.MinValue : stats.LastNanos;
        var isPcap = Format == CaptureFormat.Pcap;
        var record = default(TrafficRecord);

        while (packets < maxPackets)
        {
            var available = new ReadOnlySpan<byte>(_buffer, _start, _end - _start);
            CaptureReadResult result;
            CapturedFrame frame;
            var isPacket = true;
            if (isPcap)
            {
                result = PcapFile.TryReadRecord(available, _pcap, out frame);
            }
            else
            {
                result = PcapngFile.TryReadBlock(available, _pcapng, out frame, out isPacket);
            }

            if (result.Status == CaptureReadStatus.Ok)
            {
                _start += result.Consumed;
                if (!isPacket)
                {
                    continue;
                }

                var timestamp = frame.TimestampNanos;
                if (timestamp == 0 && !isPcap)
                {
                    // pcapng simple packet blocks carry no time: they inherit the previous packet's.
                    timestamp = _lastNanos;
                }

                _lastNanos = timestamp;
                packets++;
                bytes += frame.OriginalLength;
                first = Math.Min(first, timestamp);
                last = Math.Max(last, timestamp);
                record.TimestampNanos = timestamp;
                record.FrameLength = frame.OriginalLength;
                var reason = PacketDecoder.Decode(frame.LinkType, frame.Data, ref record, out var payload);
                if (reason == MalformedReason.None)
                {
                    sink.OnRecord(ref record, payload);
                }
                else
                {
                    stats.CountMalformed(reason);
                    sink.OnMalformed(reason, timestamp, frame.OriginalLength);
                }

                continue;
            }

            if (result.Status == CaptureReadStatus.Malformed)
            {
                // A record whose length cannot be trusted: nothing after it can be framed.
                stats.CountMalformed(result.Reason);
                sink.OnMalformed(result.Reason, _lastNanos, 0);
                stats.MarkDamaged(_bufferOffset + _start, result.Reason);
                _done = true;
                break;
            }

            if (_endOfStream)
            {
                if (_end > _start)
                {
                    stats.MarkDamaged(_bufferOffset + _start, MalformedReason.None);
                }

                _done = true;
                break;
            }

            Fill();
        }

        if (packets > 0)
        {
            stats.Packets += packets;
            stats.Bytes += bytes;
            stats.FirstNanos = first;
            stats.LastNanos = last;
        }

        return !_done;
    }

    public void Dispose()
    {
        if (_buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        _stream.Dispose();
        _file.Dispose();
    }

    /// <summary>Moves the unread tail to the front and reads more; grows the buffer only when one block fills it.</summary>
    private void Fill()
    {
        var remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _bufferOffset += _start;
            _start = 0;
            _end = remaining;
        }

        if (_end == _buffer.Length)
        {
            // Only pcapng blocks (checked against PcapngFile.MaxBlockLength before we get here) are this large.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, PcapngFile.MaxBlockLength + BufferSize));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException)
        {
            // Corrupt gzip data: keep what was decoded, report the file as truncated.
            Stats.Truncated = true;
            read = 0;
        }

        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
        Position = _file.CanSeek ? _file.Position : Position + read;
    }
}
