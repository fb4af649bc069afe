using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Breakwater.Core;
using Breakwater.Detection.Baselines;

namespace Breakwater.Detection;

/// <summary>
/// Prefix-level detection (carpet bombing): an attack spread over many hosts of one prefix, each below its own
/// thresholds. Every host slot points at a prefix slot (<see cref="PrefixSlotTable"/>); the prefix counts the
/// traffic of its hosts that are not pending or under their own incident, and runs the same hysteresis
/// (<see cref="Hysteresis"/>) as a host against the group's prefix limits.
/// </summary>
internal sealed class PrefixLifecycle
{
    /// <summary>Hosts remembered per prefix run (first come).</summary>
    public const int MaxHostsTracked = 4096;

    /// <summary>Trigger seconds of a prefix that has been over its limits since the input began (its normal load unseen).</summary>
    public const int UnknownBaselineTriggerSeconds = 60;

    private readonly DetectionSettings _settings;
    private readonly GroupLimits[] _groups;
    private readonly DetectionClock _clock;
    private readonly PrefixSlotTable _table;
    private readonly TrackerPool _pool;
    private readonly IncidentLog _log;
    private readonly ReportBuilder _reports;
    private readonly ActiveList _active;
    private readonly BaselineModel? _baseline;

    public PrefixLifecycle(
        DetectionSettings settings, GroupLimits[] groups, DetectionClock clock, PrefixSlotTable table, TrackerPool pool, IncidentLog log,
        ReportBuilder reports, BaselineModel? baseline)
    {
        _baseline = baseline;
        _settings = settings;
        _groups = groups;
        _clock = clock;
        _table = table;
        _pool = pool;
        _log = log;
        _reports = reports;
        _active = new ActiveList(table.Slots.Length, id => table.Slots[id].Run.State != TargetState.Idle);
    }

    /// <summary>First record of a second for a prefix (cold relative to the per-record path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void StartSecond(ref PrefixSlot slot, int id, long second)
    {
        // Seconds without traffic before this one were below the release level: the prefix's normal load is known.
        if (second > _clock.FirstSecond && slot.Second != second - 1)
        {
            slot.BaselineKnown = true;
        }

        slot.Second = second;
        slot.Packets = 0;
        slot.Bytes = 0;
        slot.ExplainedPackets = 0;
        slot.ExplainedBytes = 0;
        if (id != PrefixSlotTable.Sink)
        {
            _table.Touch(id);
        }
    }

    /// <summary>After a host's second closed: its traffic is explained when it is pending or under its own incident.</summary>
    public void AccountHost(ref TargetSlot host, long s)
    {
        if (host.Prefix == PrefixSlotTable.Sink || host.Second != s)
        {
            return;
        }

        ref var prefix = ref _table.Slots[host.Prefix];
        if (prefix.Second != s)
        {
            return;
        }

        if (host.Run.State != TargetState.Idle)
        {
            prefix.ExplainedPackets += host.Packets;
            prefix.ExplainedBytes += host.Bytes;
        }
        else if (prefix.Run.State != TargetState.Idle && prefix.Run.Quiet == 0 && prefix.Hosts is { } hosts)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(hosts, host.Address);
            if (!Unsafe.IsNullRef(ref count))
            {
                count += host.Packets;
            }
            else if (hosts.Count < MaxHostsTracked)
            {
                hosts[host.Address] = host.Packets;
            }
        }
    }

    /// <summary>Closes second <paramref name="s"/> for every prefix seen in it or with a run (after their hosts closed).</summary>
    public void CloseAll(long s, double seconds, long nowNanos)
    {
        foreach (var id in _table.Touched)
        {
            Close(id, s, seconds, nowNanos);
        }

        _table.ClearTouched();
        for (var a = 0; a < _active.Count; a++)
        {
            var id = _active[a];
            if (_table.Slots[id].Run.State != TargetState.Idle)
            {
                Close(id, s, seconds, nowNanos);
            }
        }

        _active.Compact();
    }

    /// <summary>Seconds with no traffic at all: pending runs lapse, open incidents count quiet time.</summary>
    public void Skip(long gap)
    {
        var count = _active.Count;
        for (var a = 0; a < count; a++)
        {
            var id = _active[a];
            var transition = Hysteresis.Skip(ref _table.Slots[id].Run, gap, _settings.QuietSeconds);
            if (transition == Transition.Lapsed)
            {
                ToIdle(id);
            }
            else if (transition == Transition.Ended)
            {
                End(id);
            }
        }

        _active.Compact();
    }

    /// <summary>End of input: open prefix incidents end, pending prefixes lapse.</summary>
    public void Complete()
    {
        for (var a = 0; a < _active.Count; a++)
        {
            var id = _active[a];
            if (_table.Slots[id].Run.State == TargetState.Attacked)
            {
                End(id);
            }
            else
            {
                ToIdle(id);
            }
        }

        _active.Compact();
    }

    /// <summary>Refreshes a prefix incident's counters from its slot (cold: at most once per second).</summary>
    public void Refresh(Incident incident, bool periodic = false)
    {
        ref var slot = ref _table.Slots[incident.Slot];
        var open = slot.Second == _clock.Second && slot.ClosedSecond != _clock.Second;
        var packets = open ? Math.Max(0, slot.Packets - slot.ExplainedPackets) : 0;
        var bytes = open ? Math.Max(0, slot.Bytes - slot.ExplainedBytes) : 0;
        incident.Hosts = PrefixSummaryBuilder.TopHosts(slot.Hosts);
        _reports.Refresh(incident, slot.Run, packets, bytes, samples: 0, samplingRate: 0, slot.Group, periodic);
    }

    private void Close(int id, long s, double seconds, long nowNanos)
    {
        ref var slot = ref _table.Slots[id];
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
        var staticRatio = limits.PrefixRatio(packets, bytes, seconds);
        var learned = -1;
        var baselineRatio = 0.0;
        var metric = 0;
        if (_baseline is { } model && id != PrefixSlotTable.Sink && (learned = model.Find(slot.Network, slot.MappedLength)) >= 0)
        {
            baselineRatio = model.Ratio(learned, s, packets, bytes, [], seconds, _settings.ReleaseFraction, out metric);
        }

        var ratio = Math.Max(staticRatio, baselineRatio);
        var above = ratio > _settings.ReleaseFraction;
        if (!above)
        {
            slot.BaselineKnown = true;
        }

        // A prefix busy since the input began may simply be that busy (many hosts at normal rates): without a second
        // below its release level to compare with, it must stay over for a longer warm-up before it counts as an attack.
        var trigger = slot.BaselineKnown ? _settings.TriggerSeconds : Math.Max(_settings.TriggerSeconds, UnknownBaselineTriggerSeconds);
        var second = new SecondTotals(s, packets, bytes, samples: 0, seconds, above, over: ratio > 1, decided: false);
        var transition = Hysteresis.Step(ref slot.Run, second, trigger, _settings.QuietSeconds);
        if (learned >= 0)
        {
            _baseline!.Learn(learned, slot.Run.State == TargetState.Idle && ratio <= 1, packets, bytes, [], seconds);
        }

        if ((transition & Transition.StayedIdle) != 0)
        {
            if (slot.Run.Tracker is not null)
            {
                _pool.Release(ref slot.Run);
                _table.TryFree(id);
            }

            return;
        }

        if ((transition & Transition.Lapsed) != 0)
        {
            ToIdle(id);
            return;
        }

        if ((transition & Transition.Began) != 0)
        {
            slot.Run.GlobalPacketsAtStart = _clock.GlobalPackets - slot.Packets;
            _active.Add(id);
            (slot.Hosts ??= []).Clear();
            _pool.Ensure(ref slot.Run);
        }

        if ((transition & Transition.Opened) != 0)
        {
            var byBaseline = learned >= 0 && baselineRatio > staticRatio;
            Open(
                id,
                nowNanos,
                byBaseline ? _baseline!.Reason(learned, metric, s, packets, bytes, [], seconds) : limits.PrefixReason(packets, bytes, seconds),
                byBaseline ? Triggers.Baseline : Triggers.Static);
            if (!slot.BaselineKnown)
            {
                slot.Run.Incident!.Notes.Add(ReportBuilder.Invariant(
                    $"prefix over its limits since the input began: opened after {trigger} s instead of {_settings.TriggerSeconds} s, as its normal load is unknown"));
            }

            return;
        }

        if ((transition & Transition.Ended) != 0)
        {
            End(id);
            return;
        }

        if ((transition & (Transition.Attack | Transition.Quiet)) != 0)
        {
            var incident = slot.Run.Incident!;
            if ((transition & Transition.Attack) != 0)
            {
                incident.LastAttackSecond = s;
            }

            if (_log.WantsUpdate(incident, s))
            {
                Refresh(incident, periodic: true);
                _log.Updated(incident);
            }
        }
    }

    private void Open(int id, long nowNanos, string reason, string trigger)
    {
        ref var slot = ref _table.Slots[id];
        _pool.Ensure(ref slot.Run);
        var prefix = _table.PrefixOf(id);
        var start = slot.Run.RunStart;
        var report = new IncidentReport
        {
            Id = IncidentLog.NewId(prefix.Network, start ^ ((long)prefix.MappedLength << 56)),
            Target = prefix.ToString(),
            Group = _groups[slot.Group].Name,
            Start = DateTimeOffset.FromUnixTimeSeconds(start),
            Detected = DetectionClock.FromNanos(nowNanos),
            Reason = reason,
            Trigger = trigger,
        };
        var incident = new Incident(report, prefix.Network, id, slot.NetworkIndex, start, nowNanos)
        {
            Prefix = prefix,
            LastAttackSecond = Math.Max(slot.Run.LastAttackSecond, start),
            LastUpdateSecond = _clock.Second,
        };
        incident.Notes.Add(ReportBuilder.Invariant(
            $"prefix-level (carpet bombing): traffic to hosts of {prefix} that are not under their own incident, against the prefix limits"));
        slot.Run.Incident = incident;
        Refresh(incident);
        _log.Started(incident);
    }

    private void End(int id)
    {
        ref var slot = ref _table.Slots[id];
        var incident = slot.Run.Incident!;
        incident.GlobalPacketsAtEnd = _clock.GlobalPackets;
        Refresh(incident);
        _log.Ended(incident);
        slot.Run.Incident = null;
        ToIdle(id);
    }

    private void ToIdle(int id)
    {
        ref var slot = ref _table.Slots[id];
        _pool.Release(ref slot.Run);
        slot.Run.ResetRun();
        slot.Hosts?.Clear();
        _table.TryFree(id);
    }
}
