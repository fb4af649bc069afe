using System.Globalization;
using System.IO.Hashing;
using Breakwater.Core;

namespace Breakwater.Detection.L7;

public sealed partial class HttpFloodDetector
{
    /// <summary>
    /// Closes the slot's current second through the shared hysteresis machine (<see cref="Hysteresis.Step"/>, the same as
    /// hosts and prefixes) and accounts for the empty seconds up to <paramref name="next"/>.
    /// </summary>
    private void Close(ServiceSlot slot, long next)
    {
        var requests = slot.SecondRequests;
        var bytes = slot.SecondBytes;
        var limit = slot.Limit;
        var release = Settings.ReleaseFraction;
        var pathMax = slot.Paths?.Max ?? 0;
        var pathRps = Settings.PathRps ?? double.PositiveInfinity;
        var above = requests > limit * release || pathMax > pathRps * release;
        var over = requests > limit || pathMax > pathRps;
        var state = slot.Run.State;
        var totals = new SecondTotals(slot.Second, requests, bytes, samples: 0, seconds: 1, above, over, decided: false);
        var t = Hysteresis.Step(ref slot.Run, totals, Settings.TriggerSeconds, Settings.QuietSeconds);
        if (state == TargetState.Idle && !above)
        {
            slot.NormalSeconds++;
            slot.NormalRequests += requests;
        }

        // The baseline learns every second outside an open incident (pending ones too), so that a day's slow ramp
        // moves it along; a flood opens within trigger_seconds, too soon to teach it much.
        if (state != TargetState.Attacked)
        {
            slot.Baseline.Add(requests);
        }

        Act(slot, t, requests);
        slot.SecondRequests = 0;
        slot.SecondBytes = 0;
        slot.Paths?.Clear();
        var gap = next - slot.Second - 1;
        if (gap > 0)
        {
            if (slot.Run.State == TargetState.Idle)
            {
                slot.NormalSeconds += Math.Min(gap, 3600); // idle hours are not a baseline of zero
                slot.Baseline.AddQuiet(gap);
            }

            Act(slot, Hysteresis.Skip(ref slot.Run, gap, Settings.QuietSeconds), 0);
        }

        if (slot.Run.State == TargetState.Idle)
        {
            slot.Limit = Math.Min(Settings.Rps, slot.Baseline.Limit(Settings.Baseline));
        }
    }

    private void Act(ServiceSlot slot, Transition t, long requests)
    {
        if ((t & Transition.Lapsed) != 0)
        {
            ReturnTracker(slot);
        }

        if ((t & Transition.Began) != 0)
        {
            slot.MinuteTainted = true;
        }

        if ((t & Transition.Opened) != 0)
        {
            Open(slot);
        }
        else if ((t & Transition.Attack) != 0 && slot.Incident is { } incident)
        {
            incident.PeakPps = Math.Max(incident.PeakPps, requests);
        }

        if ((t & Transition.Ended) != 0)
        {
            End(slot);
            slot.Run.ResetRun();
        }
        else if ((t & Transition.StayedIdle) != 0 && slot.Tracker is not null && requests == 0)
        {
            ReturnTracker(slot);
        }
    }

    /// <summary>Why the incident opened: the group's <c>rps</c>, the learned limit, or one path class over <c>path_rps</c>.</summary>
    private string OpenReason(ServiceSlot slot)
    {
        var peak = slot.Run.RunPeakPps;
        var trigger = Settings.TriggerSeconds;
        if (slot.Paths is { Max: > 0 } paths && paths.Max > Settings.PathRps && slot.SecondRequests <= slot.Limit)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"path class {paths.HottestName} at {paths.Max} rps > path_rps {Settings.PathRps:0} for {trigger} s");
        }

        if (slot.Limit < Settings.Rps)
        {
            var b = slot.Baseline;
            return string.Create(CultureInfo.InvariantCulture,
                $"rps {peak:0} > learned limit {slot.Limit:0} (normal {b.Mean:0.#} ± {Math.Sqrt(b.Variance):0.#} rps over {b.Seconds} s) for {trigger} s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"rps {peak:0} > {Settings.Rps:0} for {trigger} s");
    }

    private void Open(ServiceSlot slot)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(slot.Run.RunStart);
        var incident = new IncidentReport
        {
            Id = IncidentId(slot.Name, slot.Run.RunStart),
            Target = slot.Name,
            Group = Settings.Group.Name,
            Start = start,
            Detected = DateTimeOffset.FromUnixTimeSeconds(slot.Second + 1),
            PeakPps = slot.Run.RunPeakPps,
            Reason = OpenReason(slot),
        };
        slot.Incident = incident;
        _incidents.Add(incident);
        HttpIncidentBuilder.Fill(incident, slot, Settings);
        _observer?.OnStarted(incident);
    }

    private void End(ServiceSlot slot)
    {
        if (slot.Incident is { } incident)
        {
            incident.End = DateTimeOffset.FromUnixTimeSeconds(slot.Run.LastAttackSecond);
            incident.Status = "ended";
            HttpIncidentBuilder.Fill(incident, slot, Settings);
            _observer?.OnEnded(incident);
            slot.Incident = null;
        }

        ReturnTracker(slot);
    }

    private static string IncidentId(string service, long startSecond)
    {
        var hash = XxHash3.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(service), startSecond ^ 0x1D7F_0000_0000);
        return hash.ToString("x16", CultureInfo.InvariantCulture)[..12];
    }
}
