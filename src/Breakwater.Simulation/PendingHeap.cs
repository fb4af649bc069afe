namespace Breakwater.Simulation;

/// <summary>Binary min-heap of scheduled packets by (time, insertion order); grows by doubling, never per packet.</summary>
internal sealed class PendingHeap
{
    private BackgroundPacket[] _items = new BackgroundPacket[1024];
    private long _order;

    public int Count { get; private set; }

    public long PeekNs => Count == 0 ? long.MaxValue : _items[0].Ns;

    public void Push(BackgroundPacket packet)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        packet.Order = _order++;
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Less(packet, _items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = packet;
    }

    public BackgroundPacket Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Less(_items[child + 1], _items[child]))
            {
                child++;
            }

            if (!Less(_items[child], last))
            {
                break;
            }

            _items[i] = _items[child];
            i = child;
        }

        if (Count > 0)
        {
            _items[i] = last;
        }

        return top;
    }

    private static bool Less(in BackgroundPacket a, in BackgroundPacket b) => a.Ns < b.Ns || (a.Ns == b.Ns && a.Order < b.Order);
}
