using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>The bounded target table: open addressing (linear probing, backward-shift deletion) over slot ids.</summary>
public sealed partial class DetectionEngine
{
    /// <summary>Idle slots examined per eviction, like an approximated LRU: the least busy of them goes.</summary>
    private const int EvictionCandidates = 8;
    private const int EvictionScanLimit = 64;

    /// <summary>Finds or inserts the slot of <paramref name="destination"/>; -1 when it is not protected or cannot be tracked.</summary>
    private int Resolve(NetAddress destination)
    {
        _destinations.Add(destination.Hash(_destinationSeed));
        if (!_prefixes.IsEmpty && !_prefixes.MayMatch(destination))
        {
            return Unprotected;
        }

        var hash = destination.Hash(_seed);
        var found = Find(destination, hash);
        if (found >= 0)
        {
            return found;
        }

        var network = -1;
        var group = 0;
        if (!_prefixes.IsEmpty)
        {
            network = _prefixes.Match(destination);
            if (network < 0)
            {
                return Unprotected;
            }

            group = _networkGroups[network];
        }

        var id = _freeCount > 0 ? _free[--_freeCount] : Evict();
        if (id < 0)
        {
            _untracked++;
            return Unprotected;
        }

        ref var slot = ref _slots[id];
        slot = default;
        if (_sampleHistory is not null)
        {
            // A reused slot must not lend its previous target's seconds to the new one's window.
            _sampleHistory[id] = default;
        }

        slot.Address = destination;
        slot.Hash = hash;
        slot.Group = group;
        slot.Network = network;
        slot.Second = long.MinValue;
        slot.ClosedSecond = long.MinValue;
        slot.InUse = true;
        slot.Prefix = AcquirePrefix(destination, network);
        var i = (int)hash & _indexMask;
        while (_index[i] != 0)
        {
            i = (i + 1) & _indexMask;
        }

        _index[i] = id + 1;
        return id;
    }

    private int Find(NetAddress destination, ulong hash)
    {
        var i = (int)hash & _indexMask;
        while (true)
        {
            var entry = _index[i];
            if (entry == 0)
            {
                return -1;
            }

            ref var slot = ref _slots[entry - 1];
            if (slot.Hash == hash && slot.Address == destination)
            {
                return entry - 1;
            }

            i = (i + 1) & _indexMask;
        }
    }

    /// <summary>
    /// Frees the least busy of a few idle slots met by a clock hand. Slots touched this second, pending or under
    /// attack, or holding a tracker are never evicted, so a flood's target survives any spray of destinations.
    /// </summary>
    private int Evict()
    {
        var best = -1;
        var bestScore = long.MaxValue;
        var candidates = 0;
        for (var step = 0; step < EvictionScanLimit && candidates < EvictionCandidates; step++)
        {
            var id = _clock;
            _clock = _clock + 1 == _slots.Length ? 0 : _clock + 1;
            ref var s = ref _slots[id];
            if (!s.InUse || s.State != TargetState.Idle || s.Tracker is not null || s.Active || s.Second == _second)
            {
                continue;
            }

            candidates++;
            var idleSeconds = Math.Clamp(_second - s.Second - 1, 0, 62);
            var score = s.PreviousPackets >> (int)idleSeconds;
            if (score < bestScore)
            {
                best = id;
                bestScore = score;
            }
        }

        if (best < 0)
        {
            return -1;
        }

        RemoveFromIndex(best);
        if (_lastSlot == best)
        {
            _lastSlot = NoCache;
        }

        ReleasePrefix(_slots[best].Prefix);
        _slots[best] = default;
        return best;
    }

    private void RemoveFromIndex(int id)
    {
        ref var slot = ref _slots[id];
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

            var home = (int)_slots[entry - 1].Hash & _indexMask;
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
