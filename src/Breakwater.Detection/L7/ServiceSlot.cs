using Breakwater.Core;

namespace Breakwater.Detection.L7;

/// <summary>One service (virtual host): its current second, its hysteresis run, its normal traffic, its incident.</summary>
internal sealed class ServiceSlot(string name)
{
    public string Name { get; } = name;

    /// <summary>"access_log" or "packets": where this service's requests came from first.</summary>
    public string Source { get; set; } = "access_log";

    public long Second { get; set; } = long.MinValue;

    public long SecondRequests { get; set; }

    public long SecondBytes { get; set; }

    public HttpRun Run;

    public HttpFloodTracker? Tracker { get; set; }

    public IncidentReport? Incident { get; set; }

    // Normal traffic (seconds outside runs): the baseline for reports and the rate-limit suggestion.
    public long NormalSeconds { get; set; }

    public long NormalRequests { get; set; }

    public long NormalLatencyCount { get; set; }

    public long NormalLatencyMicros { get; set; }

    /// <summary>Busiest clients of the current minute of normal traffic.</summary>
    public AddressTopK MinuteClients { get; } = new(8);

    public long Minute { get; set; } = long.MinValue;

    /// <summary>A run began in the current minute: its first requests are not normal traffic.</summary>
    public bool MinuteTainted { get; set; }

    /// <summary>Most requests one client sent in one minute of normal traffic.</summary>
    public long PeakClientPerMinute { get; set; }
}
