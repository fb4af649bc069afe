using System.Numerics;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// The bounded table of tracked destinations: a fixed array of <see cref="TargetSlot"/> structs and their class
/// counters, an open-addressing index of slot ids (linear probing, backward-shift deletion) keyed by the seeded
/// address hash, a free list, and a clock hand that evicts the least busy idle slot when the table is full.
/// </summary>
internal sealed class TargetTable
{
    /// <summary>Idle slots examined per eviction, like an approximated LRU: the least busy of them goes.</summary>
    private const int EvictionCandidates = 8;
    private const int EvictionScanLimit = 64;

    private readonly int[] _index;
    private readonly int _indexMask;
    private readonly int[] _free;
    private int _freeCount;
    private int _hand;

    public TargetTable(int capacity)
    {
        Slots = new TargetSlot[capacity];
        ClassCounts = new long[capacity * GroupLimits.ClassCount];
        var indexSize = (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _index = new int[indexSize];
        _indexMask = indexSize - 1;
        _free = new int[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _free[i] = capacity - 1 - i;
        }

        _freeCount = capacity;
    }

    public TargetSlot[] Slots { get; }

    /// <summary><see cref="GroupLimits.ClassCount"/> counters per slot for the current second.</summary>
    public long[] ClassCounts { get; }

    public int Capacity => Slots.Length;

    public int Tracked => Slots.Length - _freeCount;

    public ReadOnlySpan<long> Classes(int id) => ClassCounts.AsSpan(id * GroupLimits.ClassCount, GroupLimits.ClassCount);

    public int Find(NetAddress destination, ulong hash)
    {
        var i = (int)hash & _indexMask;
        while (true)
        {
            var entry = _index[i];
            if (entry == 0)
            {
                return -1;
            }

            ref var slot = ref Slots[entry - 1];
            if (slot.Hash == hash && slot.Address == destination)
            {
                return entry - 1;
            }

            i = (i + 1) & _indexMask;
        }
    }

    /// <summary>
    /// Inserts <paramref name="destination"/> into a free slot, or into an evicted one (its old prefix in
    /// <paramref name="evictedPrefix"/>, else -1). Returns the slot id, or -1 when every slot is busy.
    /// </summary>
    public int Insert(NetAddress destination, ulong hash, long currentSecond, out int evictedPrefix)
    {
        evictedPrefix = -1;
        int id;
        if (_freeCount > 0)
        {
            id = _free[--_freeCount];
        }
        else
        {
            id = Evict(currentSecond);
            if (id < 0)
            {
                return -1;
            }

            evictedPrefix = Slots[id].Prefix;
            RemoveFromIndex(id);
        }

        ref var slot = ref Slots[id];
        slot = default;
        slot.Address = destination;
        slot.Hash = hash;
        slot.Second = long.MinValue;
        slot.ClosedSecond = long.MinValue;
        slot.InUse = true;
        var i = (int)hash & _indexMask;
        while (_index[i] != 0)
        {
            i = (i + 1) & _indexMask;
        }

        _index[i] = id + 1;
        return id;
    }

    /// <summary>
    /// Picks the least busy of a few idle slots met by the clock hand. Slots touched this second, pending or under
    /// attack, or holding a tracker are never evicted, so a flood's target survives any spray of destinations.
    /// </summary>
    private int Evict(long currentSecond)
    {
        var best = -1;
        var bestScore = long.MaxValue;
        var candidates = 0;
        for (var step = 0; step < EvictionScanLimit && candidates < EvictionCandidates; step++)
        {
            var id = _hand;
            _hand = _hand + 1 == Slots.Length ? 0 : _hand + 1;
            ref var s = ref Slots[id];
            if (!s.InUse || s.Run.State != TargetState.Idle || s.Run.Tracker is not null || s.Second == currentSecond)
            {
                continue;
            }

            candidates++;
            var idleSeconds = Math.Clamp(currentSecond - s.Second - 1, 0, 62);
            var score = s.PreviousPackets >> (int)idleSeconds;
            if (score < bestScore)
            {
                best = id;
                bestScore = score;
            }
        }

        return best;
    }

    private void RemoveFromIndex(int id)
    {
        ref var slot = ref Slots[id];
        var i = (int)slot.Hash & _indexMask;
        while (_index[i] != id + 1)
        {
            i = (i + 1) & _indexMask;
        }

        // Backward-shift deletion keeps probe chains intact without tombstones.
        var j = i;
        while (true)
        {
            j = (j + 1) & _indexMask;
            var entry = _index[j];
            if (entry == 0)
            {
                break;
            }

            var home = (int)Slots[entry - 1].Hash & _indexMask;
            var between = i <= j ? home > i && home <= j : home > i || home <= j;
            if (!between)
            {
                _index[i] = entry;
                i = j;
            }
        }

        _index[i] = 0;
    }
}
