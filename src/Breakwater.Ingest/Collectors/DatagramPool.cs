using System.Collections.Concurrent;

namespace Breakwater.Ingest.Collectors;

/// <summary>
/// A fixed number of receive buffers shared by the listeners. When every buffer is queued (the decoder is
/// behind), <see cref="TryRent"/> fails and the listener counts a drop instead of allocating: memory stays flat.
/// </summary>
public sealed class DatagramPool
{
    /// <summary>Large enough for jumbo-frame exports; a longer datagram is cut and counted (<c>truncated</c>).</summary>
    public const int DefaultBufferSize = 16_384;

    private readonly ConcurrentQueue<byte[]> _free = new();

    public DatagramPool(int buffers, int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffers, 1);
        Capacity = buffers;
        BufferSize = bufferSize;
        for (var i = 0; i < buffers; i++)
        {
            _free.Enqueue(GC.AllocateUninitializedArray<byte>(bufferSize, pinned: true));
        }
    }

    public int Capacity { get; }

    public int BufferSize { get; }

    public int Available => _free.Count;

    public bool TryRent(out byte[] buffer) => _free.TryDequeue(out buffer!);

    public void Return(byte[] buffer) => _free.Enqueue(buffer);
}
