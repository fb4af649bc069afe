using System.Globalization;
using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Detection.Baselines;

namespace Breakwater.Detection;

/// <summary>
/// The incident lifecycle of single hosts: closes their seconds through <see cref="Hysteresis"/>, decides within a
/// second at the deciding packet (<see cref="Checkpoint"/>), and opens, updates and ends their incidents.
/// </summary>
internal sealed class HostLifecycle
{
    /// <summary>Packets in a second before the first intra-second check; the check count grows by half after each check.</summary>
    public const long FirstCheck = 64;

    /// <summary>A short capture needs at least this many packets to its target before its extrapolated rate counts.</summary>
    public const long MinShortCapturePackets = 100;

    private static readonly long[] NoClasses = new long[GroupLimits.ClassCount];

    private readonly DetectionSettings _settings;
    private readonly GroupLimits[] _groups;
    private readonly DetectionClock _clock;
    private readonly TargetTable _table;
    private readonly SampledWindow _window;
    private readonly TrackerPool _pool;
    private readonly IncidentLog _log;
    private readonly ReportBuilder _reports;
    private readonly TopTargets _topTargets;
    private readonly BaselineModel? _baseline;
    private readonly bool _outgoing;

    public HostLifecycle(
        DetectionSettings settings, GroupLimits[] groups, DetectionClock clock, TargetTable table, SampledWindow window,
        TrackerPool pool, IncidentLog log, ReportBuilder reports, TopTargets topTargets, BaselineModel? baseline, bool outgoing = false)
    {
        _baseline = baseline;
        _outgoing = outgoing;
        _settings = settings;
        _groups = groups;
        _clock = clock;
        _table = table;
        _window = window;
        _pool = pool;
        _log = log;
        _reports = reports;
        _topTargets = topTargets;
        var slots = table.Slots;
        Active = new ActiveList(table.Capacity, id => slots[id].Run.State != TargetState.Idle);
    }

    /// <summary>Pending and attacked hosts: they close every second, with or without traffic.</summary>
    public ActiveList Active { get; }

    /// <summary>Receives every closed second that saw traffic (the daemon's store rolls them up per minute).</summary>
    public ITargetSecondObserver? SecondObserver { get; set; }

    /// <summary>Closes second <paramref name="s"/> of host <paramref name="id"/> (<paramref name="seconds"/> of it observed).</summary>
    public void Close(int id, long s, double seconds, long nowNanos)
    {
        ref var slot = ref _table.Slots[id];
        slot.ClosedSecond = s;
        long packets = 0;
        long bytes = 0;
        long samples = 0;
        ReadOnlySpan<long> classes = NoClasses;
        if (slot.Second == s)
        {
            packets = slot.Packets;
            bytes = slot.Bytes;
            samples = slot.Samples;
            classes = _table.Classes(id);
            slot.PreviousPackets = packets;
            slot.TotalPackets += packets;
            slot.TotalBytes += bytes;
            var pps = packets / seconds;
            var bps = bytes * 8 / seconds;
            slot.PeakPps = Math.Max(slot.PeakPps, pps);
            slot.PeakBps = Math.Max(slot.PeakBps, bps);
            _topTargets.Offer(slot.Address, pps, bps);
            if (SecondObserver is not null)
            {
                ReportSecond(ref slot, s, classes);
            }
        }

        var limits = _groups[slot.Group];
        var ratio = limits.Ratio(packets, bytes, classes, seconds);

        // The learned baseline of this hour of the week fires like a threshold of its own (docs/detection.md).
        var learned = -1;
        var baselineRatio = 0.0;
        var metric = 0;
        if (_baseline is { } model && (learned = model.Find(slot.Address, BaselineModel.HostLength)) >= 0)
        {
            baselineRatio = model.Ratio(learned, s, packets, bytes, classes, seconds, _settings.ReleaseFraction, out metric);
        }

        var above = Math.Max(ratio, baselineRatio) > _settings.ReleaseFraction;
        var over = Math.Max(ratio, baselineRatio) > 1;
        string? sampledReason = null;
        if (slot.SamplingRate > 1)
        {
            // Few samples: the decision rests on the window's confidence bound, not on one noisy second.
            // Only an incident's opening needs the window's verdict (and its reason text).
            over = slot.Run.State != TargetState.Attacked
                && (_window.IsOver(id, limits, s, packets, bytes, samples, classes, seconds, nowNanos, out sampledReason, out _, out _) || baselineRatio > 1);
            above = _window.IsAbove(id, limits, s, packets, bytes, samples, classes, seconds) || baselineRatio > _settings.ReleaseFraction;
            _window.Push(id, s, packets, bytes, samples, classes);
        }

        if (_outgoing && TwoWay(ref slot, s, packets))
        {
            // A busy server's replies are answered by its clients: two-way traffic is neither an incoming nor an outgoing attack.
            above = false;
            over = false;
        }

        var second = new SecondTotals(s, packets, bytes, samples, seconds, above, over, decided: sampledReason is not null);
        var transition = Hysteresis.Step(ref slot.Run, second, _settings.TriggerSeconds, _settings.QuietSeconds);
        if (learned >= 0)
        {
            // Attack seconds, seconds over a limit and runs towards an incident are not learned.
            _baseline!.Learn(learned, slot.Run.State == TargetState.Idle && !over, packets, bytes, classes, seconds);
        }
        if ((transition & (Transition.StayedIdle | Transition.Lapsed)) != 0)
        {
            _pool.Release(ref slot.Run);
            return;
        }

        if ((transition & Transition.Began) != 0)
        {
            slot.Run.GlobalPacketsAtStart = _clock.GlobalPackets - packets;
            Active.Add(id);
            _pool.EnsureForHost(ref slot.Run, slot.Address);
        }

        if ((transition & Transition.Opened) != 0)
        {
            if (sampledReason is null && learned >= 0 && baselineRatio > ratio)
            {
                Open(id, nowNanos, _baseline!.Reason(learned, metric, s, packets, bytes, classes, seconds), Triggers.Baseline);
            }
            else
            {
                Open(id, nowNanos, sampledReason ?? limits.Reason(packets, bytes, classes, seconds), Triggers.Static);
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

    /// <summary>Seconds with no traffic at all between two records: pending runs lapse, open incidents count quiet time.</summary>
    public void Skip(long gap)
    {
        var count = Active.Count;
        for (var a = 0; a < count; a++)
        {
            var id = Active[a];
            var transition = Hysteresis.Skip(ref _table.Slots[id].Run, gap, _settings.QuietSeconds);
            if (transition == Transition.Lapsed)
            {
                _pool.Release(ref _table.Slots[id].Run);
            }
            else if (transition == Transition.Ended)
            {
                End(id);
            }
        }
    }

    /// <summary>End of input: open incidents end, pending runs lapse.</summary>
    public void Complete()
    {
        for (var a = 0; a < Active.Count; a++)
        {
            var id = Active[a];
            ref var slot = ref _table.Slots[id];
            if (slot.Run.State == TargetState.Attacked)
            {
                End(id);
            }
            else
            {
                ToIdle(ref slot);
            }
        }

        Active.Compact();
    }

    /// <summary>
    /// Runs when a target's packet count in the current second doubles: attaches an analyser as soon as the rate
    /// over the part of the second seen passes the release level, and opens an incident within the second that
    /// completes the trigger run, so that <c>detected</c> is the capture time of the deciding packet.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Checkpoint(int id, long nanos)
    {
        ref var slot = ref _table.Slots[id];
        if (_outgoing)
        {
            // Whether the destinations answer is known only when the second closes: no decision within it.
            slot.NextCheck = long.MaxValue;
            return;
        }

        if (slot.SamplingRate > 1 && slot.Samples > 0)
        {
            SampledCheckpoint(id, nanos);
            return;
        }

        slot.NextCheck = Math.Max(slot.NextCheck + (slot.NextCheck >> 1), slot.Packets + 1);
        var limits = _groups[slot.Group];
        var classes = _table.Classes(id);
        if (slot.Run.State != TargetState.Attacked && OverwhelmingEvidence.Holds(ref slot, limits, classes, nanos, _clock, out var evidence))
        {
            OpenNow(id, nanos, evidence);
            return;
        }

        if (slot.Run.Tracker is null)
        {
            var elapsed = _clock.SecondSpan(slot.Second, nanos);
            if (limits.Ratio(slot.Packets, slot.Bytes, classes, elapsed) > _settings.ReleaseFraction)
            {
                _pool.EnsureForHost(ref slot.Run, slot.Address);
            }
        }

        if (slot.Run.State == TargetState.Attacked || limits.Ratio(slot.Packets, slot.Bytes, classes, 1.0) <= 1
            || !Hysteresis.CompletesTrigger(slot.Run, _settings.TriggerSeconds))
        {
            return;
        }

        OpenNow(id, nanos, limits.Reason(slot.Packets, slot.Bytes, classes, 1.0));
    }

    /// <summary>
    /// End of input: a target whose rate over the whole observed span is over its thresholds gets an incident
    /// even though the capture was too short for the trigger run (public attack samples often hold under a second).
    /// </summary>
    public void OpenShortCaptureIncidents()
    {
        var span = _clock.InputSpan;
        for (var a = 0; a < Active.Count; a++)
        {
            var id = Active[a];
            ref var slot = ref _table.Slots[id];
            if (slot.Run.State == TargetState.Attacked && span < _settings.TriggerSeconds && slot.Run.Incident is { } decided)
            {
                // Opened on overwhelming evidence within a capture shorter than the trigger run: say so, as for the others.
                decided.Notes.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"short capture: {slot.TotalPackets} packets in {span:0.###} s, shorter than the {_settings.TriggerSeconds} s trigger; decided on overwhelming evidence"));
                continue;
            }

            if (slot.Run.State != TargetState.Pending || slot.TotalPackets < MinShortCapturePackets)
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
            if (slot.SamplingRate > 1 && !SampledRate.IsOver(ratio, slot.Run.RunSamples, _settings.ReleaseFraction))
            {
                continue;
            }

            OpenNow(id, _clock.LastNanos, limits.Reason(slot.TotalPackets, slot.TotalBytes, NoClasses, span));
            slot.Run.Incident!.Notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"short capture: {slot.TotalPackets} packets in {span:0.###} s, shorter than the {_settings.TriggerSeconds} s trigger; rate extrapolated"));
        }
    }

    /// <summary>Copies the host's run into its incident's report, the second in progress included.</summary>
    public void Refresh(Incident incident, bool periodic = false)
    {
        ref var slot = ref _table.Slots[incident.Slot];
        var open = slot.Second == _clock.Second && slot.ClosedSecond != _clock.Second;
        _reports.Refresh(
            incident, slot.Run, open ? slot.Packets : 0, open ? slot.Bytes : 0, slot.Run.RunSamples + (open ? slot.Samples : 0),
            slot.SamplingRate, slot.Group, periodic);
    }

    /// <summary>Intra-second check of a sampled target: every sample can complete the window's evidence.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SampledCheckpoint(int id, long nanos)
    {
        ref var slot = ref _table.Slots[id];
        slot.NextCheck = slot.Packets + 1;
        if (slot.Run.State == TargetState.Attacked)
        {
            return;
        }

        var span = _clock.SecondSpan(slot.Second, nanos);
        var limits = _groups[slot.Group];
        var over = _window.IsOver(
            id, limits, slot.Second, slot.Packets, slot.Bytes, slot.Samples, _table.Classes(id), span, nanos, out var reason, out var estimate, out var samples);

        // Analyse from the likely onset on, but not for every lone sample of normal traffic.
        if (slot.Run.Tracker is null && estimate > _settings.ReleaseFraction && samples >= SampledRate.MinTrackerSamples)
        {
            _pool.EnsureForHost(ref slot.Run, slot.Address);
        }

        if (over)
        {
            OpenNow(id, nanos, reason!);
            return;
        }

        if (SampledEvidence.Holds(limits, slot.Packets, slot.Bytes, slot.Samples, _table.Classes(id), span, out var evidence))
        {
            OpenNow(id, nanos, evidence);
        }
    }

    /// <summary>Opens within the current second, starting the run first when the host was idle.</summary>
    private void OpenNow(int id, long nanos, string reason)
    {
        ref var slot = ref _table.Slots[id];
        if (slot.Run.State == TargetState.Idle)
        {
            slot.Run.GlobalPacketsAtStart = _clock.GlobalPackets - slot.Packets;
            Active.Add(id);
        }

        Hysteresis.OpenNow(ref slot.Run, slot.Second);
        Open(id, nanos, reason, Triggers.Static);
    }

    private void Open(int id, long nowNanos, string reason, string trigger)
    {
        ref var slot = ref _table.Slots[id];
        _pool.EnsureForHost(ref slot.Run, slot.Address);
        var start = slot.Run.RunStart;
        var report = new IncidentReport
        {
            Id = IncidentLog.NewId(slot.Address, start),
            Target = slot.Address.ToString(),
            Group = _groups[slot.Group].Name,
            Start = DateTimeOffset.FromUnixTimeSeconds(start),
            Detected = DetectionClock.FromNanos(nowNanos),
            Reason = reason,
            Trigger = trigger,
            Direction = _outgoing ? "outgoing" : "incoming",
        };
        var incident = new Incident(report, slot.Address, id, slot.Network, start, nowNanos)
        {
            LastAttackSecond = Math.Max(slot.Run.LastAttackSecond, start),
            LastUpdateSecond = _clock.Second,
        };
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
        ToIdle(ref slot);
    }

    private void ToIdle(ref TargetSlot slot)
    {
        _pool.Release(ref slot.Run);
        slot.Run.ResetRun();
    }

    /// <summary>The destinations answered at least a quarter of what the sender sent them this second.</summary>
    private static bool TwoWay(ref TargetSlot slot, long s, long packets) =>
        slot.ReturnSecond == s && slot.ReturnPackets * 4 >= packets;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportSecond(ref TargetSlot slot, long s, ReadOnlySpan<long> c) =>
        SecondObserver!.OnTargetSecond(new TargetSecond(
            s, slot.Address, slot.Network, slot.Packets, slot.Bytes, c[GroupLimits.Tcp], c[GroupLimits.Udp], c[GroupLimits.Icmp],
            c[GroupLimits.Syn], c[GroupLimits.Ack], c[GroupLimits.Rst], c[GroupLimits.Fin], c[GroupLimits.Fragment]));
}
