using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Prefix-level detection (carpet bombing): an attack spread over many hosts of one prefix, each below its own
/// thresholds. Every host slot points at a prefix slot (its protected network, or its /24 or /64 when no
/// networks are configured); the prefix counts the traffic of its hosts that are not pending or under their own
/// incident, and runs the same thresholds-with-hysteresis lifecycle as a host against the group's prefix limits.
/// </summary>
public sealed partial class DetectionEngine
{
    /// <summary>Automatic prefix lengths when no networks are configured (IPv4 /24 in the mapped space, IPv6 /64).</summary>
    internal const int AutoV4MappedLength = 96 + 24;

    internal const int AutoV6Length = 64;

    /// <summary>Hosts remembered per prefix run (first come), and hosts listed in its summary (most packets first).</summary>
    internal const int MaxPrefixHostsTracked = 4096;

    internal const int MaxPrefixHostsListed = 256;

    /// <summary>Trigger seconds of a prefix that has been over its limits since the input began (its normal load unseen).</summary>
    internal const int UnknownBaselineTriggerSeconds = 60;

    /// <summary>Automatic prefix slots allocated up front; the table doubles from there up to MaxTrackedTargets.</summary>
    private const int InitialPrefixSlots = 1024;

    /// <summary>Slot 0 is a sink for hosts whose prefix could not be tracked: counted, never evaluated.</summary>
    private const int PrefixSink = 0;

    private PrefixSlot[] _prefixSlots = [];
    private int[] _prefixFree = [];
    private int _prefixFreeCount;

    /// <summary>Automatic prefixes: the next never-used slot id and the most ids there may be (the arrays grow up to it).</summary>
    private int _prefixNextId;
    private int _prefixCapacity;
    private int[] _prefixTouched = [];
    private int _prefixTouchedCount;
    private readonly List<int> _prefixActive = [];
    private Dictionary<NetAddress, int>? _prefixIndex;

    /// <summary>Prefixes currently tracked (the sink excluded).</summary>
    internal int TrackedPrefixes
    {
        get
        {
            var n = 0;
            for (var i = 1; i < _prefixSlots.Length; i++)
            {
                n += _prefixSlots[i].InUse ? 1 : 0;
            }

            return n;
        }
    }

    private void InitPrefixes()
    {
        var networks = Settings.Networks;
        if (networks.Count > 0)
        {
            // One prefix per protected network, fixed: memory is bounded by the configuration.
            _prefixSlots = new PrefixSlot[networks.Count + 1];
            for (var n = 0; n < networks.Count; n++)
            {
                var p = networks[n].Prefix;
                ref var slot = ref _prefixSlots[n + 1];
                slot.Network = p.Network;
                slot.MappedLength = p.MappedLength;
                slot.IsIPv4 = p.IsIPv4;
                slot.NetworkIndex = n;
                slot.Group = _networkGroups[n];
                ResetPrefixCounters(ref slot);
                slot.InUse = true;
            }
        }
        else
        {
            // Each tracked host holds one reference, so as many prefix slots as host slots never run out. The arrays
            // start small and double up to that bound as prefixes appear (a new host is the cold path).
            _prefixCapacity = Settings.MaxTrackedTargets;
            var initial = Math.Min(_prefixCapacity, InitialPrefixSlots) + 1;
            _prefixSlots = new PrefixSlot[initial];
            _prefixFree = new int[initial];
            _prefixNextId = 1;
            _prefixIndex = new Dictionary<NetAddress, int>(Math.Min(_prefixCapacity, InitialPrefixSlots), new SeededAddressComparer(_seed ^ 0x9E37_79B9_7F4A_7C15UL));
        }

        _prefixSlots[PrefixSink].Second = long.MinValue;
        _prefixTouched = new int[_prefixSlots.Length];
    }

    private static void ResetPrefixCounters(ref PrefixSlot slot)
    {
        slot.Second = long.MinValue;
        slot.ClosedSecond = long.MinValue;
    }

    /// <summary>Cold: runs when a new host slot is created. Returns the host's prefix slot (the sink when none is free).</summary>
    private int AcquirePrefix(NetAddress destination, int network)
    {
        if (_prefixIndex is null)
        {
            return network + 1;
        }

        var length = destination.IsIPv4 ? AutoV4MappedLength : AutoV6Length;
        var key = Prefix.Mask(destination, length);
        if (_prefixIndex.TryGetValue(key, out var id))
        {
            _prefixSlots[id].References++;
            return id;
        }

        if (_prefixFreeCount > 0)
        {
            id = _prefixFree[--_prefixFreeCount];
        }
        else if (_prefixNextId <= _prefixCapacity)
        {
            id = _prefixNextId++;
            if (id >= _prefixSlots.Length)
            {
                var size = (int)Math.Min((long)_prefixSlots.Length * 2, _prefixCapacity + 1L);
                Array.Resize(ref _prefixSlots, size);
                Array.Resize(ref _prefixTouched, size);
                Array.Resize(ref _prefixFree, size);
            }
        }
        else
        {
            return PrefixSink;
        }

        ref var slot = ref _prefixSlots[id];
        slot = default;
        slot.Network = key;
        slot.MappedLength = length;
        slot.IsIPv4 = destination.IsIPv4;
        slot.NetworkIndex = -1;
        slot.References = 1;
        slot.InUse = true;
        ResetPrefixCounters(ref slot);
        _prefixIndex.Add(key, id);
        return id;
    }

    /// <summary>A host slot is evicted: its prefix loses a reference and is freed when idle and unreferenced.</summary>
    private void ReleasePrefix(int id)
    {
        if (_prefixIndex is null || id == PrefixSink)
        {
            return;
        }

        _prefixSlots[id].References--;
        TryFreePrefix(id);
    }

    private void TryFreePrefix(int id)
    {
        ref var slot = ref _prefixSlots[id];
        if (_prefixIndex is null || id == PrefixSink || !slot.InUse || slot.References > 0 || slot.State != TargetState.Idle
            || slot.Active || slot.Tracker is not null)
        {
            return;
        }

        _prefixIndex.Remove(slot.Network);
        slot = default;
        _prefixFree[_prefixFreeCount++] = id;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StartPrefixSecond(ref PrefixSlot slot, int id, long second)
    {
        // Seconds without traffic before this one were below the release level: the prefix's normal load is known.
        if (second > _firstNanos / NanosPerSecond && slot.Second != second - 1)
        {
            slot.BaselineKnown = true;
        }

        slot.Second = second;
        slot.Packets = 0;
        slot.Bytes = 0;
        slot.ExplainedPackets = 0;
        slot.ExplainedBytes = 0;
        if (id == PrefixSink)
        {
            return;
        }

        _prefixTouched[_prefixTouchedCount++] = id;
    }

    /// <summary>After a host's second closed: its traffic is explained when it is pending or under its own incident.</summary>
    private void AccountHostInPrefix(ref TargetSlot host, long s)
    {
        if (host.Prefix == PrefixSink || host.Second != s)
        {
            return;
        }

        ref var prefix = ref _prefixSlots[host.Prefix];
        if (prefix.Second != s)
        {
            return;
        }

        if (host.State != TargetState.Idle)
        {
            prefix.ExplainedPackets += host.Packets;
            prefix.ExplainedBytes += host.Bytes;
        }
        else if (prefix.State != TargetState.Idle && prefix.Quiet == 0 && prefix.Hosts is { } hosts)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(hosts, host.Address);
            if (!Unsafe.IsNullRef(ref count))
            {
                count += host.Packets;
            }
            else if (hosts.Count < MaxPrefixHostsTracked)
            {
                hosts[host.Address] = host.Packets;
            }
        }
    }

    private void ClosePrefixes(long s, double seconds, long nowNanos)
    {
        for (var t = 0; t < _prefixTouchedCount; t++)
        {
            ClosePrefixSecond(_prefixTouched[t], s, seconds, nowNanos);
        }

        _prefixTouchedCount = 0;
        for (var a = 0; a < _prefixActive.Count; a++)
        {
            var id = _prefixActive[a];
            if (_prefixSlots[id].Active && _prefixSlots[id].ClosedSecond != s)
            {
                ClosePrefixSecond(id, s, seconds, nowNanos);
            }
        }

        CompactPrefixActive();
    }

    private void ClosePrefixSecond(int id, long s, double seconds, long nowNanos)
    {
        ref var slot = ref _prefixSlots[id];
        if (!slot.InUse || slot.ClosedSecond == s)
        {
            return;
        }

        slot.ClosedSecond = s;
        long packets = 0;
        long bytes = 0;
        if (slot.Second == s)
        {
            packets = Math.Max(0, slot.Packets - slot.ExplainedPackets);
            bytes = Math.Max(0, slot.Bytes - slot.ExplainedBytes);
        }

        var limits = _groups[slot.Group];
        var ratio = limits.PrefixRatio(packets, bytes, seconds);
        var above = ratio > Settings.ReleaseFraction;
        var over = ratio > 1;
        if (!above)
        {
            slot.BaselineKnown = true;
        }

        switch (slot.State)
        {
            case TargetState.Idle when !above:
                if (slot.Tracker is not null)
                {
                    ReleasePrefixTracker(ref slot);
                    TryFreePrefix(id);
                }

                return;
            case TargetState.Idle:
                slot.State = TargetState.Pending;
                slot.RunStart = s;
                slot.OverStreak = 0;
                slot.GlobalPacketsAtStart = _globalPackets - slot.Packets;
                if (!slot.Active)
                {
                    slot.Active = true;
                    _prefixActive.Add(id);
                }

                (slot.Hosts ??= []).Clear();
                EnsurePrefixTracker(ref slot);
                AddToPrefixRun(ref slot, packets, bytes, seconds, s);
                PendingPrefixSecond(id, over, packets, bytes, seconds, nowNanos);
                return;
            case TargetState.Pending when !above:
                PrefixToIdle(id);
                return;
            case TargetState.Pending:
                AddToPrefixRun(ref slot, packets, bytes, seconds, s);
                PendingPrefixSecond(id, over, packets, bytes, seconds, nowNanos);
                return;
            case TargetState.Attacked:
                AttackedPrefixSecond(id, above, packets, bytes, seconds, s);
                return;
        }
    }

    private void PendingPrefixSecond(int id, bool over, long packets, long bytes, double seconds, long nowNanos)
    {
        ref var slot = ref _prefixSlots[id];
        slot.OverStreak = over ? slot.OverStreak + 1 : 0;

        // A prefix busy since the input began may simply be that busy (many hosts at normal rates): without a second
        // below its release level to compare with, it must stay over for a longer warm-up before it counts as an attack.
        var trigger = slot.BaselineKnown ? Settings.TriggerSeconds : Math.Max(Settings.TriggerSeconds, UnknownBaselineTriggerSeconds);
        if (slot.OverStreak >= trigger)
        {
            OpenPrefix(id, nowNanos, _groups[slot.Group].PrefixReason(packets, bytes, seconds));
            if (!slot.BaselineKnown)
            {
                slot.Incident!.Notes.Add(Invariant(
                    $"prefix over its limits since the input began: opened after {trigger} s instead of {Settings.TriggerSeconds} s, as its normal load is unknown"));
            }
        }
    }

    private void AttackedPrefixSecond(int id, bool above, long packets, long bytes, double seconds, long s)
    {
        ref var slot = ref _prefixSlots[id];
        var incident = slot.Incident!;
        if (above)
        {
            slot.RunPackets += slot.TailPackets;
            slot.RunBytes += slot.TailBytes;
            slot.TailPackets = 0;
            slot.TailBytes = 0;
            AddToPrefixRun(ref slot, packets, bytes, seconds, s);
            slot.Quiet = 0;
            incident.LastAttackSecond = s;
        }
        else
        {
            slot.TailPackets += packets;
            slot.TailBytes += bytes;
            if (++slot.Quiet >= Settings.QuietSeconds)
            {
                EndPrefix(id);
                return;
            }
        }

        if (Observer is not null && incident.LastUpdateSecond != s)
        {
            incident.LastUpdateSecond = s;
            Refresh(incident, periodic: true);
            Observer.OnUpdated(incident.Report);
        }
    }

    private static void AddToPrefixRun(ref PrefixSlot slot, long packets, long bytes, double seconds, long s)
    {
        slot.RunPackets += packets;
        slot.RunBytes += bytes;
        slot.RunPeakPps = Math.Max(slot.RunPeakPps, packets / seconds);
        slot.RunPeakBps = Math.Max(slot.RunPeakBps, bytes * 8 / seconds);
        slot.LastAttackSecond = s;
    }

    private void ApplyEmptyPrefixSeconds(long gap)
    {
        foreach (var id in _prefixActive.ToArray())
        {
            ref var slot = ref _prefixSlots[id];
            if (slot.State == TargetState.Pending)
            {
                PrefixToIdle(id);
            }
            else if (slot.State == TargetState.Attacked)
            {
                slot.Quiet = (int)Math.Min(slot.Quiet + gap, int.MaxValue);
                if (slot.Quiet >= Settings.QuietSeconds)
                {
                    EndPrefix(id);
                }
            }
        }

        CompactPrefixActive();
    }

    /// <summary>End of input: open prefix incidents end, pending prefixes lapse.</summary>
    private void CompletePrefixes()
    {
        foreach (var id in _prefixActive.ToArray())
        {
            if (_prefixSlots[id].State == TargetState.Attacked)
            {
                EndPrefix(id);
            }
            else
            {
                PrefixToIdle(id);
            }
        }

        CompactPrefixActive();
    }

    private Prefix PrefixOf(ref PrefixSlot slot) =>
        slot.NetworkIndex >= 0
            ? Settings.Networks[slot.NetworkIndex].Prefix
            : Prefix.Create(slot.Network, slot.IsIPv4 ? slot.MappedLength - 96 : slot.MappedLength);

    private void OpenPrefix(int id, long nowNanos, string reason)
    {
        ref var slot = ref _prefixSlots[id];
        EnsurePrefixTracker(ref slot);
        var prefix = PrefixOf(ref slot);
        var report = new IncidentReport
        {
            Id = IncidentId(prefix.Network, slot.RunStart ^ ((long)prefix.MappedLength << 56)),
            Target = prefix.ToString(),
            Group = _groups[slot.Group].Name,
            Start = DateTimeOffset.FromUnixTimeSeconds(slot.RunStart),
            Detected = FromNanos(nowNanos),
            Reason = reason,
        };
        var incident = new Incident(report, prefix.Network, id, slot.NetworkIndex, slot.RunStart, nowNanos)
        {
            Prefix = prefix,
            LastAttackSecond = Math.Max(slot.LastAttackSecond, slot.RunStart),
            LastUpdateSecond = _second,
        };
        incident.Notes.Add(Invariant(
            $"prefix-level (carpet bombing): traffic to hosts of {prefix} that are not under their own incident, against the prefix limits"));
        slot.Incident = incident;
        slot.State = TargetState.Attacked;
        slot.Quiet = 0;
        _incidents.Add(incident);
        Refresh(incident);
        Observer?.OnStarted(report);
    }

    private void EndPrefix(int id)
    {
        ref var slot = ref _prefixSlots[id];
        var incident = slot.Incident!;
        incident.GlobalPacketsAtEnd = _globalPackets;
        Refresh(incident);
        incident.Ended = true;
        incident.Report.Status = "ended";
        incident.Report.End = DateTimeOffset.FromUnixTimeSeconds(incident.LastAttackSecond);
        slot.Incident = null;
        PrefixToIdle(id);
        Observer?.OnEnded(incident.Report);
    }

    private void PrefixToIdle(int id)
    {
        ref var slot = ref _prefixSlots[id];
        if (slot.Tracker is not null)
        {
            ReleasePrefixTracker(ref slot);
        }

        slot.State = TargetState.Idle;
        slot.Active = false;
        slot.OverStreak = 0;
        slot.Quiet = 0;
        slot.RunPackets = 0;
        slot.RunBytes = 0;
        slot.RunPeakPps = 0;
        slot.RunPeakBps = 0;
        slot.TailPackets = 0;
        slot.TailBytes = 0;
        slot.Hosts?.Clear();
        TryFreePrefix(id);
    }

    private void EnsurePrefixTracker(ref PrefixSlot slot)
    {
        if (slot.Tracker is not null)
        {
            return;
        }

        if (_trackerPool.TryPop(out var tracker))
        {
            slot.Tracker = tracker;
        }
        else if (_trackersInUse < MaxTrackers)
        {
            slot.Tracker = new IncidentTracker();
        }
        else
        {
            return;
        }

        _trackersInUse++;
    }

    private void ReleasePrefixTracker(ref PrefixSlot slot)
    {
        var tracker = slot.Tracker!;
        slot.Tracker = null;
        tracker.Reset();
        _trackerPool.Push(tracker);
        _trackersInUse--;
    }

    private void CompactPrefixActive()
    {
        var kept = 0;
        for (var i = 0; i < _prefixActive.Count; i++)
        {
            var id = _prefixActive[i];
            if (_prefixSlots[id].Active)
            {
                _prefixActive[kept++] = id;
            }
        }

        _prefixActive.RemoveRange(kept, _prefixActive.Count - kept);
    }

    /// <summary>
    /// The hosts of a prefix run, most packets first, at most <see cref="MaxPrefixHostsListed"/>. A carpet hits its hosts
    /// about evenly: hosts with under a quarter of the median host's packets are the prefix's normal servers, not targets.
    /// </summary>
    private static List<string> TopHosts(Dictionary<NetAddress, long>? hosts)
    {
        if (hosts is null || hosts.Count == 0)
        {
            return [];
        }

        var ranked = hosts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).ToList();
        var floor = ranked[ranked.Count / 2].Value / 4;
        return [.. ranked.Where(kv => kv.Value >= floor).Take(MaxPrefixHostsListed).Select(kv => kv.Key.ToString())];
    }

    /// <summary>Refreshes a prefix incident's counters from its slot (cold: at most once per second).</summary>
    private void RefreshPrefix(Incident incident, bool periodic)
    {
        ref var slot = ref _prefixSlots[incident.Slot];
        var report = incident.Report;
        var open = slot.Second == _second && slot.ClosedSecond != _second;
        var currentPackets = open ? Math.Max(0, slot.Packets - slot.ExplainedPackets) : 0;
        var currentBytes = open ? Math.Max(0, slot.Bytes - slot.ExplainedBytes) : 0;
        report.Packets = slot.RunPackets + currentPackets;
        report.Bytes = slot.RunBytes + currentBytes;
        report.PeakPps = Math.Round(Math.Max(slot.RunPeakPps, currentPackets), 1);
        report.PeakBps = Math.Round(Math.Max(slot.RunPeakBps, currentBytes * 8.0), 1);
        incident.Hosts = TopHosts(slot.Hosts);
        var notes = new List<string>(incident.Notes);
        var tracker = incident.Ended ? null : slot.Tracker;
        Analyse(incident, tracker, slot.Group, slot.GlobalPacketsAtStart, periodic, notes);
        report.Notes = notes;
    }
}
