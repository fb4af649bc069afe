using System.Collections.Concurrent;

namespace Breakwater.Ingest.Collectors;

/// <summary>
/// A fixed number of 64 KiB receive buffers shared by the listeners. When every buffer is queued (the decoder is
/// behind), <see cref="TryRent"/> fails and the listener counts a drop instead of allocating: memory stays flat.
/// </summary>
public sealed class DatagramPool
{
    public const int BufferSize = 65_536;
    private readonly ConcurrentQueue<byte[]> _free = new();

    public DatagramPool(int buffers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffers, 1);
        Capacity = buffers;
        for (var i = 0; i < buffers; i++)
        {
            _free.Enqueue(GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true));
        }
    }

    public int Capacity { get; }

    public int Available => _free.Count;

    public bool TryRent(out byte[] buffer) => _free.TryDequeue(out buffer!);

    public void Return(byte[] buffer) => _free.Enqueue(buffer);
}
