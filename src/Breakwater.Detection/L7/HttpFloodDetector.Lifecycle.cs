using System.Globalization;
using System.IO.Hashing;
using Breakwater.Core;

namespace Breakwater.Detection.L7;

public sealed partial class HttpFloodDetector
{
    /// <summary>Closes the slot's current second and accounts for the empty seconds up to <paramref name="next"/>.</summary>
    private void Close(ServiceSlot slot, long next)
    {
        var requests = slot.SecondRequests;
        var bytes = slot.SecondBytes;
        var rps = Settings.Rps;
        var above = requests > rps * Settings.ReleaseFraction;
        var over = requests > rps;
        var state = slot.Run.State;
        var t = slot.Run.Step(slot.Second, requests, bytes, above, over, Settings.TriggerSeconds, Settings.QuietSeconds);
        if (state == HttpRunState.Idle && !above)
        {
            slot.NormalSeconds++;
            slot.NormalRequests += requests;
        }

        Act(slot, t, requests);
        slot.SecondRequests = 0;
        slot.SecondBytes = 0;
        var gap = next - slot.Second - 1;
        if (gap > 0)
        {
            if (slot.Run.State == HttpRunState.Idle)
            {
                slot.NormalSeconds += Math.Min(gap, 3600); // idle hours are not a baseline of zero
            }

            Act(slot, slot.Run.Skip(gap, Settings.QuietSeconds), 0);
        }
    }

    private void Act(ServiceSlot slot, HttpTransition t, long requests)
    {
        if ((t & HttpTransition.Lapsed) != 0)
        {
            ReturnTracker(slot);
        }

        if ((t & HttpTransition.Began) != 0)
        {
            slot.MinuteTainted = true;
        }

        if ((t & HttpTransition.Opened) != 0)
        {
            Open(slot);
        }
        else if ((t & HttpTransition.Attack) != 0 && slot.Incident is { } incident)
        {
            incident.PeakPps = Math.Max(incident.PeakPps, requests);
        }

        if ((t & HttpTransition.Ended) != 0)
        {
            End(slot);
            slot.Run.Reset();
        }
        else if (t == HttpTransition.None && slot.Run.State == HttpRunState.Idle && slot.Tracker is not null && requests == 0)
        {
            ReturnTracker(slot);
        }
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
            PeakPps = slot.Run.PeakRps,
            Reason = string.Create(CultureInfo.InvariantCulture, $"rps {slot.Run.PeakRps:0} > {Settings.Rps:0} for {Settings.TriggerSeconds} s"),
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
