using System.Globalization;
using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Second boundaries, thresholds with hysteresis, and the incident lifecycle.</summary>
public sealed partial class DetectionEngine
{
    /// <summary>Closes the current second for every touched or active target, then the empty seconds up to <paramref name="newSecond"/>.</summary>
    private void Roll(long newSecond, long nowNanos)
    {
        var s = _second;
        CloseAll(s, SecondSpan(s, nowNanos), nowNanos);
        _touchedCount = 0;
        var gap = newSecond - s - 1;
        if (gap > 0)
        {
            foreach (var id in _active.ToArray())
            {
                ApplyEmptySeconds(id, gap);
            }

            ApplyEmptyPrefixSeconds(gap);
        }

        CompactActive();
        SetSecond(newSecond);
        _secondRecords = 0;
    }

    private void CloseAll(long s, double seconds, long nowNanos)
    {
        for (var t = 0; t < _touchedCount; t++)
        {
            CloseSecond(_touched[t], s, seconds, nowNanos);
        }

        // Pending and attacked targets that got nothing this second close with zero traffic.
        for (var a = 0; a < _active.Count; a++)
        {
            var id = _active[a];
            if (_slots[id].Active && _slots[id].ClosedSecond != s)
            {
                CloseSecond(id, s, seconds, nowNanos);
            }
        }

        // Prefixes close after their hosts: only then is it known whose traffic is explained by a host of its own.
        ClosePrefixes(s, seconds, nowNanos);
    }

    private void CloseSecond(int id, long s, double seconds, long nowNanos)
    {
        CloseTarget(id, s, seconds, nowNanos);
        AccountHostInPrefix(ref _slots[id], s);
    }

    private void CloseTarget(int id, long s, double seconds, long nowNanos)
    {
        ref var slot = ref _slots[id];
        slot.ClosedSecond = s;
        if (SecondObserver is not null)
        {
            ReportSecond(ref slot, id, s);
        }

        long packets = 0;
        long bytes = 0;
        ReadOnlySpan<long> classes = NoClasses;
        if (slot.Second == s)
        {
            packets = slot.Packets;
            bytes = slot.Bytes;
            classes = _classCounts.AsSpan(id * GroupLimits.ClassCount, GroupLimits.ClassCount);
            slot.PreviousPackets = packets;
            slot.TotalPackets += packets;
            slot.TotalBytes += bytes;
            var pps = packets / seconds;
            var bps = bytes * 8 / seconds;
            if (pps > slot.PeakPps)
            {
                slot.PeakPps = pps;
            }

            slot.PeakBps = Math.Max(slot.PeakBps, bps);
            _topTargets.Offer(slot.Address, pps, bps);
        }

        var limits = _groups[slot.Group];
        var ratio = limits.Ratio(packets, bytes, classes, seconds);
        var above = ratio > Settings.ReleaseFraction;
        var over = ratio > 1;
        string? sampledReason = null;
        if (slot.SamplingRate > 1)
        {
            // Few samples: the decision rests on the window's confidence bound, not on one noisy second.
            // Only an incident's opening needs the window's verdict (and its reason text).
            over = slot.State != TargetState.Attacked
                && SampledOver(id, s, packets, bytes, slot.Second == s ? slot.Samples : 0, classes, seconds, nowNanos, out sampledReason);
            above = SampledAbove(id, s, packets, bytes, slot.Second == s ? slot.Samples : 0, classes, seconds);
            PushHistory(id, s, packets, bytes, slot.Second == s ? slot.Samples : 0, classes);
        }

        switch (slot.State)
        {
            case TargetState.Idle when !above:
                if (slot.Tracker is not null)
                {
                    ReleaseTracker(ref slot);
                }

                return;
            case TargetState.Idle:
                slot.State = TargetState.Pending;
                slot.RunStart = s;
                slot.OverStreak = 0;
                slot.GlobalPacketsAtStart = _globalPackets - packets;
                AddActive(id);
                EnsureTracker(ref slot);
                AddToRun(ref slot, packets, bytes, seconds, s);
                PendingSecond(id, over, limits, classes, seconds, nowNanos, sampledReason);
                return;
            case TargetState.Pending when !above:
                ToIdle(ref slot);
                return;
            case TargetState.Pending:
                AddToRun(ref slot, packets, bytes, seconds, s);
                PendingSecond(id, over, limits, classes, seconds, nowNanos, sampledReason);
                return;
            case TargetState.Attacked:
                AttackedSecond(id, above, packets, bytes, seconds, s);
                return;
        }
    }

    private void PendingSecond(int id, bool over, GroupLimits limits, ReadOnlySpan<long> classes, double seconds, long nowNanos, string? sampledReason)
    {
        ref var slot = ref _slots[id];
        slot.OverStreak = over ? slot.OverStreak + 1 : 0;
        if (over && sampledReason is not null)
        {
            // The sampled window already spans the trigger time: its confidence bound replaces the streak.
            Open(id, nowNanos, sampledReason);
        }
        else if (slot.OverStreak >= Settings.TriggerSeconds)
        {
            Open(id, nowNanos, limits.Reason(slot.Packets, slot.Bytes, classes, seconds));
        }
    }

    private void AttackedSecond(int id, bool above, long packets, long bytes, double seconds, long s)
    {
        ref var slot = ref _slots[id];
        var incident = slot.Incident!;
        if (above)
        {
            slot.RunPackets += slot.TailPackets;
            slot.RunBytes += slot.TailBytes;
            slot.TailPackets = 0;
            slot.TailBytes = 0;
            AddToRun(ref slot, packets, bytes, seconds, s);
            slot.Quiet = 0;
            incident.LastAttackSecond = s;
        }
        else
        {
            slot.TailPackets += packets;
            slot.TailBytes += bytes;
            if (++slot.Quiet >= Settings.QuietSeconds)
            {
                End(id);
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

    private static void AddToRun(ref TargetSlot slot, long packets, long bytes, double seconds, long s)
    {
        slot.RunSamples += slot.Second == s ? slot.Samples : 0;
        slot.RunPackets += packets;
        slot.RunBytes += bytes;
        slot.RunPeakPps = Math.Max(slot.RunPeakPps, packets / seconds);
        slot.RunPeakBps = Math.Max(slot.RunPeakBps, bytes * 8 / seconds);
        slot.LastAttackSecond = s;
    }

    /// <summary>Seconds with no traffic at all between two records: pending runs lapse, open incidents count quiet time.</summary>
    private void ApplyEmptySeconds(int id, long gap)
    {
        ref var slot = ref _slots[id];
        if (slot.State == TargetState.Pending)
        {
            ToIdle(ref slot);
        }
        else if (slot.State == TargetState.Attacked)
        {
            slot.Quiet = (int)Math.Min(slot.Quiet + gap, int.MaxValue);
            if (slot.Quiet >= Settings.QuietSeconds)
            {
                End(id);
            }
        }
    }

    /// <summary>
    /// Runs when a target's packet count in the current second doubles: attaches an analyser as soon as the rate
    /// over the part of the second seen passes the release level, and opens an incident within the second that
    /// completes the trigger run, so that <c>detected</c> is the capture time of the deciding packet.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Checkpoint(int id, long nanos)
    {
        ref var slot = ref _slots[id];
        if (slot.SamplingRate > 1 && slot.Samples > 0)
        {
            SampledCheckpoint(id, nanos);
            return;
        }

        slot.NextCheck = Math.Max(slot.NextCheck * 2, slot.Packets + 1);
        var limits = _groups[slot.Group];
        ReadOnlySpan<long> classes = _classCounts.AsSpan(id * GroupLimits.ClassCount, GroupLimits.ClassCount);
        if (slot.Tracker is null)
        {
            var elapsed = SecondSpan(slot.Second, nanos);
            if (limits.Ratio(slot.Packets, slot.Bytes, classes, elapsed) > Settings.ReleaseFraction)
            {
                EnsureTracker(ref slot);
            }
        }

        if (slot.State == TargetState.Attacked || limits.Ratio(slot.Packets, slot.Bytes, classes, 1.0) <= 1)
        {
            return;
        }

        var completes = slot.State == TargetState.Pending
            ? slot.OverStreak + 1 >= Settings.TriggerSeconds
            : Settings.TriggerSeconds <= 1;
        if (!completes)
        {
            return;
        }

        if (slot.State == TargetState.Idle)
        {
            slot.State = TargetState.Pending;
            slot.RunStart = slot.Second;
            slot.GlobalPacketsAtStart = _globalPackets - slot.Packets;
            AddActive(id);
        }

        Open(id, nanos, limits.Reason(slot.Packets, slot.Bytes, classes, 1.0));
    }

    private void Open(int id, long nowNanos, string reason)
    {
        ref var slot = ref _slots[id];
        EnsureTracker(ref slot);
        var report = new IncidentReport
        {
            Id = IncidentId(slot.Address, slot.RunStart),
            Target = slot.Address.ToString(),
            Group = _groups[slot.Group].Name,
            Start = DateTimeOffset.FromUnixTimeSeconds(slot.RunStart),
            Detected = FromNanos(nowNanos),
            Reason = reason,
        };
        var incident = new Incident(report, slot.Address, id, slot.Network, slot.RunStart, nowNanos)
        {
            LastAttackSecond = Math.Max(slot.LastAttackSecond, slot.RunStart),
            LastUpdateSecond = _second,
        };
        slot.Incident = incident;
        slot.State = TargetState.Attacked;
        slot.Quiet = 0;
        _incidents.Add(incident);
        Refresh(incident);
        Observer?.OnStarted(report);
    }

    private void End(int id)
    {
        ref var slot = ref _slots[id];
        var incident = slot.Incident!;
        incident.GlobalPacketsAtEnd = _globalPackets;
        Refresh(incident);
        incident.Ended = true;
        incident.Report.Status = "ended";
        incident.Report.End = DateTimeOffset.FromUnixTimeSeconds(incident.LastAttackSecond);
        slot.Incident = null;
        ToIdle(ref slot);
        Observer?.OnEnded(incident.Report);
    }

    private void ToIdle(ref TargetSlot slot)
    {
        if (slot.Tracker is not null)
        {
            ReleaseTracker(ref slot);
        }

        slot.State = TargetState.Idle;
        slot.Active = false;
        slot.OverStreak = 0;
        slot.Quiet = 0;
        slot.RunPackets = 0;
        slot.RunBytes = 0;
        slot.RunSamples = 0;
        slot.RunPeakPps = 0;
        slot.RunPeakBps = 0;
        slot.TailPackets = 0;
        slot.TailBytes = 0;
    }

    /// <summary>
    /// End of input: a target whose rate over the whole observed span is over its thresholds gets an incident
    /// even though the capture was too short for the trigger run (public attack samples often hold under a second).
    /// </summary>
    private void OpenShortCaptureIncidents()
    {
        var span = Math.Max(_lastNanos - _firstNanos, RateFloorNanos) / (double)NanosPerSecond;
        foreach (var id in _active.ToArray())
        {
            ref var slot = ref _slots[id];
            if (slot.State != TargetState.Pending || slot.TotalPackets < MinShortCapturePackets)
            {
                continue;
            }

            var limits = _groups[slot.Group];
            var ratio = limits.Ratio(slot.TotalPackets, slot.TotalBytes, NoClasses, span);
            if (ratio <= 1)
            {
                continue;
            }

            // A few samples of a short sampled capture stand for thousands of packets: they must be confidently over.
            if (slot.SamplingRate > 1 && !SampledRate.IsOver(ratio, slot.RunSamples, Settings.ReleaseFraction))
            {
                continue;
            }

            Open(id, _lastNanos, limits.Reason(slot.TotalPackets, slot.TotalBytes, NoClasses, span));
            slot.Incident!.Notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"short capture: {slot.TotalPackets} packets in {span:0.###} s, shorter than the {Settings.TriggerSeconds} s trigger; rate extrapolated"));
        }
    }

    private void EnsureTracker(ref TargetSlot slot)
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

    private void ReleaseTracker(ref TargetSlot slot)
    {
        var tracker = slot.Tracker!;
        slot.Tracker = null;
        tracker.Reset();
        _trackerPool.Push(tracker);
        _trackersInUse--;
    }

    private void AddActive(int id)
    {
        ref var slot = ref _slots[id];
        if (!slot.Active)
        {
            slot.Active = true;
            _active.Add(id);
        }
    }

    private void CompactActive()
    {
        var kept = 0;
        for (var i = 0; i < _active.Count; i++)
        {
            var id = _active[i];
            if (_slots[id].Active)
            {
                _active[kept++] = id;
            }
        }

        _active.RemoveRange(kept, _active.Count - kept);
    }

    /// <summary>Deterministic for offline analysis: the same capture gives the same ids.</summary>
    private static string IncidentId(NetAddress target, long startSecond) =>
        target.Hash(0x1D1D_0000_0000_0000UL ^ (ulong)startSecond).ToString("x16", CultureInfo.InvariantCulture)[..12];

    private static DateTimeOffset FromNanos(long nanos) =>
        DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000).AddTicks(nanos % 1_000_000 / 100);
}
