using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Pre-trigger context, one small ring per busy target: recent records to targets that are busy (at least
/// <see cref="MinSecondPackets"/> packets in the current second) but have no analyser yet, at most
/// <see cref="PerSecond"/> a second, so that each ring spans the last few seconds whatever the rate (a flood's first
/// milliseconds cannot push out the seconds before it). When an analyser is
/// attached to a host, that host's own ring is replayed into its forensics, so the timeline and the evidence
/// (handshakes, first sources) include the seconds before the rate crossed the release level, and a busy neighbour
/// can never push a victim's context out. Fixed memory (<see cref="Rings"/> × <see cref="PerRing"/> records,
/// ≈ 2.5 MiB): rings go to busy targets in turn, so when more than <see cref="Rings"/> targets are busy at once the
/// longest-held ring is reused. Payloads are not kept, so payload shapes (DNS labels, HTTP headers) start at attachment.
/// </summary>
internal sealed class PreTriggerRing
{
    public const int Rings = 256;
    public const int PerRing = 64;

    /// <summary>Records kept per target per second: a ring covers at least <see cref="PerRing"/> / this many seconds.</summary>
    public const int PerSecond = 16;

    /// <summary>Records to a target that has had fewer packets than this in the current second are not kept (background).</summary>
    public const long MinSecondPackets = 16;

    private readonly ulong _seed;
    private readonly TrafficRecord[] _records = new TrafficRecord[Rings * PerRing];
    private readonly long[] _packets = new long[Rings * PerRing];
    private readonly long[] _bytes = new long[Rings * PerRing];
    private readonly NetAddress[] _owner = new NetAddress[Rings];
    private readonly int[] _ownerSlot = new int[Rings];
    private readonly int[] _next = new int[Rings];
    private readonly int[] _count = new int[Rings];
    private readonly long[] _second = new long[Rings];
    private readonly int[] _inSecond = new int[Rings];

    /// <summary>Ring + 1 of each target slot (0: none), so the per-record path finds its ring without hashing.</summary>
    private readonly int[] _ringOfSlot;
    private int _hand;

    public PreTriggerRing(ulong seed, int slots)
    {
        _seed = seed;
        _ringOfSlot = new int[slots];
        Array.Fill(_ownerSlot, -1);
    }

    /// <summary>Keeps a record to the target in slot <paramref name="slot"/> (seen in <paramref name="second"/>).</summary>
    public void Add(int slot, long second, ref TrafficRecord record, long packets, long bytes)
    {
        var ring = _ringOfSlot[slot] - 1;
        if (ring < 0 || _ownerSlot[ring] != slot || _owner[ring] != record.Destination)
        {
            ring = Assign(slot, record.Destination);
        }

        if (_second[ring] != second)
        {
            _second[ring] = second;
            _inSecond[ring] = 0;
        }
        else if (_inSecond[ring] >= PerSecond)
        {
            return;
        }

        _inSecond[ring]++;

        var at = (ring * PerRing) + _next[ring];
        _records[at] = record;
        _packets[at] = packets;
        _bytes[at] = bytes;
        _next[ring] = (_next[ring] + 1) & (PerRing - 1);
        if (_count[ring] < PerRing)
        {
            _count[ring]++;
        }
    }

    /// <summary>Feeds the host's kept records, oldest first, to <paramref name="recorder"/>; returns how many.</summary>
    public int Replay(NetAddress host, ForensicRecorder recorder)
    {
        for (var ring = 0; ring < Rings; ring++)
        {
            if (_count[ring] == 0 || _owner[ring] != host)
            {
                continue;
            }

            var count = _count[ring];
            var start = (_next[ring] - count) & (PerRing - 1);
            for (var i = 0; i < count; i++)
            {
                var at = (ring * PerRing) + ((start + i) & (PerRing - 1));
                ref var record = ref _records[at];
                var kind = VectorClassifier.Classify(ref record, []);
                recorder.Add(ref record, [], kind, _packets[at], _bytes[at], record.Source.Hash(_seed));
            }

            // The ring is kept: an analyser attached for a moment and released (a burst within a second) must not take
            // the context away from the one that follows.
            return count;
        }

        return 0;
    }

    private int Assign(int slot, NetAddress destination)
    {
        var ring = _hand;
        _hand = (_hand + 1) % Rings;
        if (_ownerSlot[ring] >= 0 && _ringOfSlot[_ownerSlot[ring]] == ring + 1)
        {
            _ringOfSlot[_ownerSlot[ring]] = 0;
        }

        _ownerSlot[ring] = slot;
        _owner[ring] = destination;
        _next[ring] = 0;
        _count[ring] = 0;
        _second[ring] = long.MinValue;
        _ringOfSlot[slot] = ring + 1;
        return ring;
    }
}
