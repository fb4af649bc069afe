using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// The prefix slots of prefix-level (carpet bombing) detection. With protected networks: one fixed slot per
/// network. Without: one slot per /24 (IPv4) or /64 (IPv6) of the tracked hosts, reference-counted by them; the
/// arrays start small and double up to one slot per host slot (a new host is the cold path). Slot 0 is a sink for
/// hosts whose prefix could not be tracked: counted, never evaluated.
/// </summary>
internal sealed class PrefixSlotTable
{
    /// <summary>Automatic prefix lengths when no networks are configured (IPv4 /24 in the mapped space, IPv6 /64).</summary>
    public const int AutoV4MappedLength = 96 + 24;

    public const int AutoV6Length = 64;

    public const int Sink = 0;

    /// <summary>Automatic prefix slots allocated up front.</summary>
    private const int InitialSlots = 1024;

    private readonly IReadOnlyList<ProtectedNetwork> _networks;
    private readonly Dictionary<NetAddress, int>? _index;
    private readonly int _capacity;
    private int[] _free = [];
    private int _freeCount;
    private int _nextId;
    private int[] _touched;
    private int _touchedCount;

    public PrefixSlotTable(IReadOnlyList<ProtectedNetwork> networks, int[] networkGroups, int maxHosts, ulong seed)
    {
        _networks = networks;
        if (networks.Count > 0)
        {
            // One prefix per protected network, fixed: memory is bounded by the configuration.
            Slots = new PrefixSlot[networks.Count + 1];
            for (var n = 0; n < networks.Count; n++)
            {
                var p = networks[n].Prefix;
                ref var slot = ref Slots[n + 1];
                slot.Network = p.Network;
                slot.MappedLength = p.MappedLength;
                slot.IsIPv4 = p.IsIPv4;
                slot.NetworkIndex = n;
                slot.Group = networkGroups[n];
                slot.Second = long.MinValue;
                slot.ClosedSecond = long.MinValue;
                slot.InUse = true;
            }
        }
        else
        {
            // Each tracked host holds one reference, so as many prefix slots as host slots never run out.
            _capacity = maxHosts;
            var initial = Math.Min(_capacity, InitialSlots) + 1;
            Slots = new PrefixSlot[initial];
            _free = new int[initial];
            _nextId = 1;
            _index = new Dictionary<NetAddress, int>(Math.Min(_capacity, InitialSlots), new SeededAddressComparer(seed ^ 0x9E37_79B9_7F4A_7C15UL));
        }

        Slots[Sink].Second = long.MinValue;
        _touched = new int[Slots.Length];
    }

    /// <summary>The slots; the array is replaced when it grows, so hold it only within one call.</summary>
    public PrefixSlot[] Slots { get; private set; }

    /// <summary>Prefixes seen in the current second (the sink excluded).</summary>
    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, _touchedCount);

    /// <summary>Prefixes currently tracked (the sink excluded).</summary>
    public int Tracked
    {
        get
        {
            var n = 0;
            for (var i = 1; i < Slots.Length; i++)
            {
                n += Slots[i].InUse ? 1 : 0;
            }

            return n;
        }
    }

    public void ClearTouched() => _touchedCount = 0;

    public void Touch(int id) => _touched[_touchedCount++] = id;

    /// <summary>Cold: runs when a new host slot is created. Returns the host's prefix slot (the sink when none is free).</summary>
    public int Acquire(NetAddress destination, int network)
    {
        if (_index is null)
        {
            return network + 1;
        }

        var length = destination.IsIPv4 ? AutoV4MappedLength : AutoV6Length;
        var key = Prefix.Mask(destination, length);
        if (_index.TryGetValue(key, out var id))
        {
            Slots[id].References++;
            return id;
        }

        if (_freeCount > 0)
        {
            id = _free[--_freeCount];
        }
        else if (_nextId <= _capacity)
        {
            id = _nextId++;
            if (id >= Slots.Length)
            {
                var size = (int)Math.Min((long)Slots.Length * 2, _capacity + 1L);
                var slots = Slots;
                Array.Resize(ref slots, size);
                Slots = slots;
                Array.Resize(ref _touched, size);
                Array.Resize(ref _free, size);
            }
        }
        else
        {
            return Sink;
        }

        ref var slot = ref Slots[id];
        slot = default;
        slot.Network = key;
        slot.MappedLength = length;
        slot.IsIPv4 = destination.IsIPv4;
        slot.NetworkIndex = -1;
        slot.References = 1;
        slot.InUse = true;
        slot.Second = long.MinValue;
        slot.ClosedSecond = long.MinValue;
        _index.Add(key, id);
        return id;
    }

    /// <summary>A host slot is evicted: its prefix loses a reference and is freed when idle and unreferenced.</summary>
    public void Release(int id)
    {
        if (_index is null || id == Sink)
        {
            return;
        }

        Slots[id].References--;
        TryFree(id);
    }

    /// <summary>Frees an automatic prefix that no host points at and that has no run or analyser.</summary>
    public void TryFree(int id)
    {
        ref var slot = ref Slots[id];
        if (_index is null || id == Sink || !slot.InUse || slot.References > 0 || slot.Run.State != TargetState.Idle || slot.Run.Tracker is not null)
        {
            return;
        }

        _index.Remove(slot.Network);
        slot = default;
        _free[_freeCount++] = id;
    }

    public Prefix PrefixOf(int id)
    {
        ref var slot = ref Slots[id];
        return slot.NetworkIndex >= 0
            ? _networks[slot.NetworkIndex].Prefix
            : Prefix.Create(slot.Network, slot.IsIPv4 ? slot.MappedLength - 96 : slot.MappedLength);
    }
}
