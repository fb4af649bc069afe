using Breakwater.Wire;

namespace Breakwater.Ingest;

/// <summary>
/// Reads a pcap or pcapng file (gzip-compressed transparently), decodes every frame with the Wire packet
/// decoder and hands traffic records to a struct sink. Large sequential reads; no allocation per packet.
/// </summary>
public sealed class CaptureFileReader : IDisposable
{
    private CaptureFileReader(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public CaptureFormat Format { get; private set; }

    public CaptureStats Stats { get; } = new();

    /// <summary>Bytes of the file on disk (compressed size for .gz) — for progress bars.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes of the file on disk consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>Opens and checks the file header. Throws <see cref="CaptureFormatException"/> naming the file and the magic found.</summary>
    public static CaptureFileReader Open(string path) => throw new NotImplementedException(path);

    /// <summary>
    /// Reads up to <paramref name="maxPackets"/> packets into <paramref name="sink"/>; returns false at end of file.
    /// Malformed packets are counted in <see cref="Stats"/> and also reported to the sink.
    /// </summary>
    public bool Read<TSink>(ref TSink sink, int maxPackets = int.MaxValue)
        where TSink : struct, ITrafficSink => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
