using System.Buffers.Binary;

namespace Breakwater.Simulation;

/// <summary>
/// Classic libpcap writer (not pcapng): a 24-byte file header, then a 16-byte record header before each frame.
/// Records are assembled in one large buffer and flushed to the file in big writes, so a frame costs two copies
/// and no allocation.
/// </summary>
/// <remarks>
/// <code>
/// file header: magic(4) a1b2c3d4 µs | a1b23c4d ns, version 2.4, thiszone(4)=0, sigfigs(4)=0, snaplen(4), linktype(4)
/// record:      ts_sec(4) ts_frac(4) incl_len(4) orig_len(4) data…
/// </code>
/// Written little-endian, as libpcap does on the machines that read these files.
/// </remarks>
internal sealed class PcapWriter : IFrameSink, IDisposable
{
    public const int SnapLength = 262_144;
    private const int RecordHeaderLength = 16;
    private const int BufferSize = 1 << 20;

    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly bool _nanoseconds;
    private int _used;

    public PcapWriter(string path, SimLinkType linkType, TimestampResolution resolution)
    {
        _nanoseconds = resolution == TimestampResolution.Nanoseconds;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var header = _buffer.AsSpan(0, 24);
        BinaryPrimitives.WriteUInt32LittleEndian(header, _nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        _used = 24;
    }

    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Appends one frame stamped <paramref name="unixNanoseconds"/>.</summary>
    public void Write(long unixNanoseconds, ReadOnlySpan<byte> frame)
    {
        if (_used + RecordHeaderLength + frame.Length > BufferSize)
        {
            Flush();
        }

        var seconds = unixNanoseconds / 1_000_000_000;
        var fraction = unixNanoseconds - (seconds * 1_000_000_000);
        if (!_nanoseconds)
        {
            fraction /= 1000;
        }

        var record = _buffer.AsSpan(_used);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)fraction);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        frame.CopyTo(record[RecordHeaderLength..]);
        _used += RecordHeaderLength + frame.Length;
        Packets++;
        Bytes += frame.Length;
    }

    public void Flush()
    {
        _file.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }
}
