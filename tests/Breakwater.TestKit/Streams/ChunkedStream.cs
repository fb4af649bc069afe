namespace Breakwater.TestKit.Streams;

/// <summary>A seekable in-memory stream that returns at most <c>chunk</c> bytes per read, like a slow pipe or socket.</summary>
public sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
}
