using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Detection.Baselines;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Streaming detector: per-target one-second counters, thresholds with hysteresis, incident lifecycle,
/// vector classification, unique-source estimates and fingerprints. Single-threaded; time is the records' own
/// timestamps (capture time offline, arrival time live). Memory is bounded by <see cref="DetectionSettings.MaxTrackedTargets"/>.
/// </summary>
/// <remarks>
/// This type counts and wires: a last-target cache, then the <see cref="TargetTable"/>; hosts and prefixes close
/// their seconds through <see cref="HostLifecycle"/> and <see cref="PrefixLifecycle"/>, which share one
/// <see cref="Hysteresis"/> step, the <see cref="TrackerPool"/> of per-record analysers, the
/// <see cref="IncidentLog"/> and the <see cref="ReportBuilder"/>.
/// </remarks>
public sealed partial class DetectionEngine
{
    /// <summary>Most pooled per-target analysers alive at once.</summary>
    internal const int MaxTrackers = TrackerPool.MaxTrackers;

    private const int NoCache = -2;
    private const int Unprotected = -1;

    private readonly DetectionClock _clock = new();
    private readonly TargetTable _table;
    private readonly TargetSlot[] _slots;
    private readonly long[] _classCounts;
    private readonly int[] _touched;
    private readonly GroupLimits[] _groups;
    private readonly int[] _networkGroups;
    private readonly PrefixTable _protected;
    private readonly PrefixSlotTable _prefixes;
    private readonly HostLifecycle _hosts;
    private readonly PrefixLifecycle _prefixLifecycle;
    private readonly SampledWindow _window;
    private readonly IncidentLog _log;
    private readonly HotSources _hot;
    private readonly PreTriggerRing _recent;
    private readonly BaselineModel? _baseline;
    private readonly HyperLogLog _destinations = new(14);
    private readonly TopTargets _topTargets = new(64);
    private readonly ulong _seed;
    private readonly ulong _destinationSeed;

    private int _touchedCount;
    private long _records;
    private long _untracked;
    private NetAddress _lastDestination;
    private int _lastSlot = NoCache;
    private ulong _random;

    /// <param name="settings">What is protected and how it is decided.</param>
    /// <param name="observer">Told of incidents as they start, change and end.</param>
    /// <param name="baseline">Learned baselines to use and keep learning (a loaded file, or the previous engine's on reload);
    /// null: a new, empty one when <see cref="BaselineSettings.Enabled"/>, else none.</param>
    public DetectionEngine(DetectionSettings settings, IIncidentObserver? observer = null, BaselineModel? baseline = null)
        : this(settings, observer, baseline, outgoing: false)
    {
    }

    private DetectionEngine(DetectionSettings settings, IIncidentObserver? observer, BaselineModel? baseline, bool outgoing)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxTrackedTargets, 1);
        Settings = settings;
        Observer = observer;
        _seed = settings.HashSeed;
        _destinationSeed = settings.HashSeed ^ 0xD157_1AC7_0000_0001UL;
        _random = settings.HashSeed | 1;
        (_groups, _networkGroups) = GroupTable.Build(settings);
        _table = new TargetTable(settings.MaxTrackedTargets);
        _slots = _table.Slots;
        _classCounts = _table.ClassCounts;
        _touched = new int[_table.Capacity];
        _protected = new PrefixTable(settings.Networks);
        _prefixes = new PrefixSlotTable(settings.Networks, _networkGroups, settings.MaxTrackedTargets, _seed);
        _log = new IncidentLog(observer);
        _window = new SampledWindow(_table.Capacity, _clock, settings.ReleaseFraction);
        _recent = new PreTriggerRing(_seed, _table.Capacity);
        var pool = new TrackerPool { Recent = _recent };
        _hot = pool.Hot;
        var reports = new ReportBuilder(_groups, _clock, outgoing);
        _baseline = baseline ?? (settings.Baseline.Enabled && !outgoing ? new BaselineModel(settings.Baseline) : null);
        _hosts = new HostLifecycle(settings, _groups, _clock, _table, _window, pool, _log, reports, _topTargets, _baseline, outgoing);
        _prefixLifecycle = new PrefixLifecycle(settings, _groups, _clock, _prefixes, pool, _log, reports, _baseline);
        _outgoing = outgoing ? null : CreateOutgoing(settings, observer);
    }

    public DetectionSettings Settings { get; private set; }

    public IIncidentObserver? Observer { get; }

    /// <summary>The learned baselines this engine uses and learns into (null when baselines are off).</summary>
    public BaselineModel? Baseline => _baseline;

    /// <summary>Set before the first record; receives every closed target second (the daemon's store rolls them up per minute).</summary>
    public ITargetSecondObserver? SecondObserver
    {
        get => _hosts.SecondObserver;
        set => _hosts.SecondObserver = value;
    }

    /// <summary>Targets currently tracked (never more than <see cref="DetectionSettings.MaxTrackedTargets"/>).</summary>
    public int TrackedTargets => _table.Tracked;

    /// <summary>Prefixes currently tracked (the sink excluded).</summary>
    internal int TrackedPrefixes => _prefixes.Tracked;

    /// <summary>Records whose destination could not be tracked because every slot was busy this second.</summary>
    internal long UntrackedRecords => _untracked;

    internal long Records => _records;

    /// <summary>Hot path: counts one record. Records must arrive in roughly increasing time order.</summary>
    public void Add(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        if (_outgoing is not null)
        {
            RouteOutgoing(ref record, payload);
        }

        var clock = _clock;
        var nanos = record.TimestampNanos;
        var second = clock.Second;

        // One unsigned compare instead of a 64-bit division per record; late records take the slow path too.
        if ((ulong)(nanos - clock.SecondStartNanos) >= DetectionClock.NanosPerSecond || !clock.Started)
        {
            second = AdvanceClock(nanos / DetectionClock.NanosPerSecond, nanos);
        }

        if (nanos > clock.LastNanos)
        {
            clock.LastNanos = nanos;
        }

        var rate = record.SamplingRate == 0 ? 1UL : record.SamplingRate;
        var packets = (long)(record.Packets * rate);
        var bytes = (long)(record.Bytes * rate);
        clock.GlobalPackets += packets;
        clock.SecondRecords++;
        _records++;

        // A hot target's own TCP answers mark the connections it takes part in (its normal traffic, not a flood).
        if (record.Protocol == 6 && _hot.Count != 0 && _hot.MayContain(record.Source))
        {
            MarkAnswered(ref record);
        }

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
        if (slot.Run.Tracker is { } tracker && slot.Run.Quiet == 0)
        {
            tracker.Add(ref record, payload, packets, bytes, record.Source.Hash(_seed), NextRandom());
        }
        else if (slot.Packets >= PreTriggerRing.MinSecondPackets)
        {
            _recent.Add(id, second, ref record, packets, bytes);
        }

        // The prefix counts every record; hosts under (or about to be under) their own incident are taken out when the second closes.
        ref var prefix = ref _prefixes.Slots[slot.Prefix];
        if (prefix.Second != second)
        {
            _prefixLifecycle.StartSecond(ref prefix, slot.Prefix, second);
        }

        prefix.Packets += packets;
        prefix.Bytes += bytes;
        if (prefix.Run.Tracker is { } prefixTracker && prefix.Run.Quiet == 0 && slot.Run.State == TargetState.Idle)
        {
            prefixTracker.Add(ref record, payload, packets, bytes, record.Source.Hash(_seed), NextRandom());
        }

        if (slot.Packets >= slot.NextCheck)
        {
            _hosts.Checkpoint(id, nanos);
        }
    }

    /// <summary>Closes every second before <paramref name="unixNanos"/> (live mode: called by a timer when traffic stops).</summary>
    public void AdvanceTo(long unixNanos)
    {
        var second = unixNanos / DetectionClock.NanosPerSecond;
        if (_clock.Started && second > _clock.Second)
        {
            Roll(second, unixNanos);
        }

        _outgoing?.AdvanceTo(unixNanos);
    }

    /// <summary>End of input: evaluates the last (possibly partial) second, short captures included, and ends open incidents.</summary>
    public void Complete()
    {
        _outgoing?.Complete();
        if (!_clock.Started)
        {
            return;
        }

        var s = _clock.Second;

        // n records seen over a partial second stand for n intervals, not n - 1: sparse samples must not inflate the rate.
        var span = _clock.SecondSpan(s, _clock.LastNanos);
        var records = _clock.SecondRecords;
        if (records >= 2 && span < 1)
        {
            span = Math.Min(1, span * records / (records - 1));
        }

        CloseAll(s, span, _clock.LastNanos);
        _hosts.OpenShortCaptureIncidents();
        _hosts.Complete();
        _prefixLifecycle.Complete();
        _baseline?.Flush();

        // Later records start a fresh second rather than reopening the closed one.
        _clock.SetSecond(s + 1);
    }

    /// <summary>All incidents so far, open and ended, in start order.</summary>
    public IReadOnlyList<IncidentReport> Incidents =>
        _outgoing is null
            ? [.. RefreshedIncidents().Select(i => i.Report)]
            : [.. RefreshedIncidents().Select(i => i.Report).Concat(_outgoing.Incidents).OrderBy(i => i.Start)];

    /// <summary>Per-prefix summaries of incidents inside protected networks (several hosts of one prefix).</summary>
    public IReadOnlyList<PrefixSummary> PrefixSummaries => PrefixSummaryBuilder.Build(RefreshedIncidents(), Settings, _groups, _networkGroups);

    public HostsSummary GetHostsSummary(int top = 10) => new()
    {
        Observed = _destinations.Estimate(),
        TopTargets = [.. _topTargets.Top(top).Select(t => new TargetSummary
        {
            Address = t.Address.ToString(),
            PeakPps = Math.Round(t.Pps, 1),
            PeakBps = Math.Round(t.Bps, 1),
        })],
    };

    private List<Incident> RefreshedIncidents()
    {
        var list = _log.All.OrderBy(i => i.StartSecond).ThenBy(i => i.Target).ToList();
        foreach (var incident in list)
        {
            if (incident.Ended)
            {
                continue;
            }

            if (incident.IsPrefix)
            {
                _prefixLifecycle.Refresh(incident);
            }
            else
            {
                _hosts.Refresh(incident);
            }
        }

        return list;
    }

    /// <summary>Finds or inserts the slot of <paramref name="destination"/>; -1 when it is not protected or cannot be tracked.</summary>
    private int Resolve(NetAddress destination)
    {
        _destinations.Add(destination.Hash(_destinationSeed));
        if (!_protected.IsEmpty && !_protected.MayMatch(destination))
        {
            return Unprotected;
        }

        var hash = destination.Hash(_seed);
        var found = _table.Find(destination, hash);
        if (found >= 0)
        {
            return found;
        }

        var network = -1;
        var group = 0;
        if (!_protected.IsEmpty)
        {
            network = _protected.Match(destination);
            if (network < 0)
            {
                return Unprotected;
            }

            group = _networkGroups[network];
        }

        var id = _table.Insert(destination, hash, _clock.Second, out var evictedPrefix);
        if (id < 0)
        {
            _untracked++;
            return Unprotected;
        }

        if (evictedPrefix >= 0)
        {
            _prefixes.Release(evictedPrefix);
        }

        _window.Forget(id);
        ref var slot = ref _slots[id];
        slot.Group = group;
        slot.Network = network;
        slot.Prefix = _prefixes.Acquire(destination, network);
        return id;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MarkAnswered(ref TrafficRecord record)
    {
        if ((record.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst)) != TcpFlags.Ack || (record.Flags & RecordFlags.LaterFragment) != 0)
        {
            return;
        }

        var id = _table.Find(record.Source, record.Source.Hash(_seed));
        if (id >= 0 && _slots[id].Run.Tracker is { } tracker)
        {
            tracker.Answered.Mark(record.Destination, record.DestinationPort, record.SourcePort);
        }
    }

    private long AdvanceClock(long second, long nanos)
    {
        if (!_clock.Started)
        {
            _clock.Started = true;
            _clock.SetSecond(second);
            _clock.FirstNanos = nanos;
            _clock.LastNanos = nanos;
            return second;
        }

        if (second > _clock.Second)
        {
            Roll(second, nanos);
            return second;
        }

        // A late record is counted in the current second: counters never reopen a closed second.
        return _clock.Second;
    }

    /// <summary>Closes the current second for every touched or active target, then the empty seconds up to <paramref name="newSecond"/>.</summary>
    private void Roll(long newSecond, long nowNanos)
    {
        var s = _clock.Second;
        CloseAll(s, _clock.SecondSpan(s, nowNanos), nowNanos);
        var gap = newSecond - s - 1;
        if (gap > 0)
        {
            _hosts.Skip(gap);
            _prefixLifecycle.Skip(gap);
            _baseline?.Skip(s + 1, gap);
        }

        _hosts.Active.Compact();
        _clock.SetSecond(newSecond);
        _clock.SecondRecords = 0;
    }

    private void CloseAll(long s, double seconds, long nowNanos)
    {
        _baseline?.BeginSecond(s);
        for (var t = 0; t < _touchedCount; t++)
        {
            CloseHost(_touched[t], s, seconds, nowNanos);
        }

        _touchedCount = 0;

        // Pending and attacked targets that got nothing this second close with zero traffic.
        var active = _hosts.Active;
        for (var a = 0; a < active.Count; a++)
        {
            var id = active[a];
            if (_slots[id].Run.State != TargetState.Idle && _slots[id].ClosedSecond != s)
            {
                CloseHost(id, s, seconds, nowNanos);
            }
        }

        // Prefixes close after their hosts: only then is it known whose traffic is explained by a host of its own.
        _prefixLifecycle.CloseAll(s, seconds, nowNanos);
        _baseline?.EndSecond(seconds);
    }

    private void CloseHost(int id, long s, double seconds, long nowNanos)
    {
        _hosts.Close(id, s, seconds, nowNanos);
        _prefixLifecycle.AccountHost(ref _slots[id], s);
    }

    private void StartSecond(ref TargetSlot slot, int id, long second)
    {
        slot.Second = second;
        slot.Packets = 0;
        slot.Bytes = 0;
        slot.NextCheck = HostLifecycle.FirstCheck;
        slot.Samples = 0;
        slot.LastCheckNanos = 0;
        slot.BurstNanos = 0;
        Array.Clear(_classCounts, id * GroupLimits.ClassCount, GroupLimits.ClassCount);
        _touched[_touchedCount++] = id;
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
}
