using System.Numerics;
using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Streaming detector: per-target one-second counters, thresholds with hysteresis, incident lifecycle,
/// vector classification, unique-source estimates and fingerprints. Single-threaded; time is the records' own
/// timestamps (capture time offline, arrival time live). Memory is bounded by <see cref="DetectionSettings.MaxTrackedTargets"/>.
/// </summary>
/// <remarks>
/// Hot path: a last-target cache, then an open-addressing index of slot ids keyed by the seeded address hash;
/// counters live in a fixed array of <see cref="TargetSlot"/> structs. Per-record analysis (vectors, unique
/// sources, samples) runs only for hot targets, which get a pooled <see cref="IncidentTracker"/>.
/// </remarks>
public sealed partial class DetectionEngine
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>Packets in a second before the first intra-second check; the check count doubles after each check.</summary>
    private const long FirstCheck = 64;

    /// <summary>Shortest span a rate is computed over (10 ms), so that a few packets close together are no flood.</summary>
    private const long RateFloorNanos = 10_000_000;

    /// <summary>A short capture needs at least this many packets to its target before its extrapolated rate counts.</summary>
    internal const long MinShortCapturePackets = 100;

    /// <summary>Most pooled per-target analysers alive at once (≈ 20–60 KiB each).</summary>
    internal const int MaxTrackers = 1024;

    private const int NoCache = -2;
    private const int Unprotected = -1;

    private static readonly long[] NoClasses = new long[GroupLimits.ClassCount];

    private readonly TargetSlot[] _slots;
    private readonly long[] _classCounts;
    private readonly int[] _index;
    private readonly int _indexMask;
    private readonly int[] _free;
    private readonly int[] _touched;
    private readonly List<int> _active = [];
    private readonly GroupLimits[] _groups;
    private readonly int[] _networkGroups;
    private readonly PrefixTable _prefixes;
    private readonly HyperLogLog _destinations = new(14);
    private readonly TopTargets _topTargets = new(64);
    private readonly List<Incident> _incidents = [];
    private readonly Stack<IncidentTracker> _trackerPool = new();
    private readonly ulong _seed;
    private readonly ulong _destinationSeed;

    private int _freeCount;
    private int _touchedCount;
    private int _trackersInUse;
    private int _clock;
    private bool _started;
    private long _second;
    private long _secondStartNanos;
    private long _firstNanos;
    private long _lastNanos;
    private long _globalPackets;
    private long _records;
    private long _secondRecords;
    private long _untracked;
    private NetAddress _lastDestination;
    private int _lastSlot = NoCache;
    private ulong _random;

    public DetectionEngine(DetectionSettings settings, IIncidentObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxTrackedTargets, 1);
        Settings = settings;
        Observer = observer;
        var capacity = settings.MaxTrackedTargets;
        _slots = new TargetSlot[capacity];
        _classCounts = new long[capacity * GroupLimits.ClassCount];
        var indexSize = (int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _index = new int[indexSize];
        _indexMask = indexSize - 1;
        _free = new int[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _free[i] = capacity - 1 - i;
        }

        _freeCount = capacity;
        _touched = new int[capacity];
        _seed = settings.HashSeed;
        _destinationSeed = settings.HashSeed ^ 0xD157_1AC7_0000_0001UL;
        _random = settings.HashSeed | 1;

        // Group 0 is the default group; networks point at their own group or fall back to it.
        var groups = new List<GroupLimits> { new(settings.DefaultGroup) };
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        _networkGroups = new int[settings.Networks.Count];
        for (var n = 0; n < settings.Networks.Count; n++)
        {
            var name = settings.Networks[n].Group;
            if (!byName.TryGetValue(name, out var g))
            {
                g = settings.Groups.TryGetValue(name, out var group) ? groups.Count : 0;
                if (g != 0)
                {
                    groups.Add(new GroupLimits(group!));
                }

                byName[name] = g;
            }

            _networkGroups[n] = g;
        }

        _groups = [.. groups];
        _prefixes = new PrefixTable(settings.Networks);
        InitPrefixes();
    }

    public DetectionSettings Settings { get; private set; }

    public IIncidentObserver? Observer { get; }

    /// <summary>Targets currently tracked (never more than <see cref="DetectionSettings.MaxTrackedTargets"/>).</summary>
    public int TrackedTargets => _slots.Length - _freeCount;

    /// <summary>Records whose destination could not be tracked because every slot was busy this second.</summary>
    internal long UntrackedRecords => _untracked;

    internal long Records => _records;

    /// <summary>Hot path: counts one record. Records must arrive in roughly increasing time order.</summary>
    public void Add(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        var nanos = record.TimestampNanos;
        var second = _second;

        // One unsigned compare instead of a 64-bit division per record; late records take the slow path too.
        if ((ulong)(nanos - _secondStartNanos) >= NanosPerSecond || !_started)
        {
            second = AdvanceClock(nanos / NanosPerSecond, nanos);
        }

        if (nanos > _lastNanos)
        {
            _lastNanos = nanos;
        }

        var rate = record.SamplingRate == 0 ? 1UL : record.SamplingRate;
        var packets = (long)(record.Packets * rate);
        var bytes = (long)(record.Bytes * rate);
        _globalPackets += packets;
        _records++;
        _secondRecords++;

        int id;
        if (_lastSlot != NoCache && record.Destination == _lastDestination)
        {
            id = _lastSlot;
        }
        else
        {
            id = Resolve(record.Destination);
            _lastDestination = record.Destination;
            _lastSlot = id;
        }

        if (id < 0)
        {
            return;
        }

        ref var slot = ref _slots[id];
        if (slot.Second != second)
        {
            StartSecond(ref slot, id, second);
        }

        slot.Packets += packets;
        slot.Bytes += bytes;
        if (rate > 1)
        {
            slot.Samples += (long)record.Packets;
            slot.SamplingRate = (long)rate;
        }

        CountClasses(ref record, id * GroupLimits.ClassCount, packets);

        // Quiet seconds of an open incident are the target's normal traffic: they stay out of the attack's analysis.
        if (slot.Tracker is { } tracker && slot.Quiet == 0)
        {
            tracker.Add(ref record, payload, packets, bytes, record.Source.Hash(_seed), NextRandom());
        }

        // The prefix counts every record; hosts under (or about to be under) their own incident are taken out when the second closes.
        ref var prefix = ref _prefixSlots[slot.Prefix];
        if (prefix.Second != second)
        {
            StartPrefixSecond(ref prefix, slot.Prefix, second);
        }

        prefix.Packets += packets;
        prefix.Bytes += bytes;
        if (prefix.Tracker is { } prefixTracker && prefix.Quiet == 0 && slot.State == TargetState.Idle)
        {
            prefixTracker.Add(ref record, payload, packets, bytes, record.Source.Hash(_seed), NextRandom());
        }

        if (slot.Packets >= slot.NextCheck)
        {
            Checkpoint(id, nanos);
        }
    }

    /// <summary>Closes every second before <paramref name="unixNanos"/> (live mode: called by a timer when traffic stops).</summary>
    public void AdvanceTo(long unixNanos)
    {
        var second = unixNanos / NanosPerSecond;
        if (_started && second > _second)
        {
            Roll(second, unixNanos);
        }
    }

    /// <summary>End of input: evaluates the last (possibly partial) second, short captures included, and ends open incidents.</summary>
    public void Complete()
    {
        if (!_started)
        {
            return;
        }

        var s = _second;

        // n records seen over a partial second stand for n intervals, not n - 1: sparse samples must not inflate the rate.
        var span = SecondSpan(s, _lastNanos);
        if (_secondRecords >= 2 && span < 1)
        {
            span = Math.Min(1, span * _secondRecords / (_secondRecords - 1));
        }

        CloseAll(s, span, _lastNanos);
        _touchedCount = 0;
        OpenShortCaptureIncidents();
        foreach (var id in _active.ToArray())
        {
            ref var slot = ref _slots[id];
            if (slot.State == TargetState.Attacked)
            {
                End(id);
            }
            else
            {
                ToIdle(ref slot);
            }
        }

        CompactActive();
        CompletePrefixes();

        // Later records start a fresh second rather than reopening the closed one.
        SetSecond(s + 1);
    }

    /// <summary>All incidents so far, open and ended, in start order.</summary>
    public IReadOnlyList<IncidentReport> Incidents
    {
        get
        {
            var list = new List<IncidentReport>(_incidents.Count);
            foreach (var incident in _incidents.OrderBy(i => i.StartSecond).ThenBy(i => i.Target))
            {
                if (!incident.Ended)
                {
                    Refresh(incident);
                }

                list.Add(incident.Report);
            }

            return list;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountClasses(ref TrafficRecord record, int baseIndex, long packets)
    {
        var counts = _classCounts;
        switch (record.Protocol)
        {
            case 6:
                counts[baseIndex + GroupLimits.Tcp] += packets;

                // Thresholds.cs: SYN without ACK; only ACK (PSH allowed); any RST; any FIN.
                var f = record.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin | TcpFlags.Rst);
                if (f == TcpFlags.Syn)
                {
                    counts[baseIndex + GroupLimits.Syn] += packets;
                }
                else if (f == TcpFlags.Ack)
                {
                    counts[baseIndex + GroupLimits.Ack] += packets;
                }

                if ((f & TcpFlags.Rst) != 0)
                {
                    counts[baseIndex + GroupLimits.Rst] += packets;
                }

                if ((f & TcpFlags.Fin) != 0)
                {
                    counts[baseIndex + GroupLimits.Fin] += packets;
                }

                break;
            case 17:
                counts[baseIndex + GroupLimits.Udp] += packets;
                break;
            case 1 or 58:
                counts[baseIndex + GroupLimits.Icmp] += packets;
                break;
        }

        if ((record.Flags & RecordFlags.Fragment) != 0)
        {
            counts[baseIndex + GroupLimits.Fragment] += packets;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong NextRandom()
    {
        // xorshift64*: deterministic for reproducible offline analysis, a couple of nanoseconds.
        var x = _random;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _random = x;
        return x * 0x2545F4914F6CDD1DUL;
    }

    private long AdvanceClock(long second, long nanos)
    {
        if (!_started)
        {
            _started = true;
            SetSecond(second);
            _firstNanos = nanos;
            _lastNanos = nanos;
            return second;
        }

        if (second > _second)
        {
            Roll(second, nanos);
            return second;
        }

        // A late record is counted in the current second: counters never reopen a closed second.
        return _second;
    }

    private void SetSecond(long second)
    {
        _second = second;
        _secondStartNanos = second * NanosPerSecond;
    }

    private void StartSecond(ref TargetSlot slot, int id, long second)
    {
        slot.Second = second;
        slot.Packets = 0;
        slot.Bytes = 0;
        slot.NextCheck = FirstCheck;
        slot.Samples = 0;
        Array.Clear(_classCounts, id * GroupLimits.ClassCount, GroupLimits.ClassCount);
        _touched[_touchedCount++] = id;
    }

    /// <summary>Span of second <paramref name="s"/> actually observed: the first and last seconds of the input may be partial.</summary>
    private double SecondSpan(long s, long endNanos)
    {
        var from = Math.Max(s * NanosPerSecond, _firstNanos);
        var to = Math.Min((s + 1) * NanosPerSecond, endNanos);
        return Math.Clamp(to - from, RateFloorNanos, NanosPerSecond) / (double)NanosPerSecond;
    }
}
