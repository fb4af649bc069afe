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

    /// <summary>The service's run through the shared hysteresis machine (<see cref="Hysteresis"/>), as for hosts and prefixes.</summary>
    public RunState Run;

    /// <summary>The learned normal request rate (<c>detection.http_baseline</c>).</summary>
    public RateBaseline Baseline;

    /// <summary>Requests per second that count as a flood now: the group's <c>rps</c>, or the learned limit when lower.</summary>
    public double Limit { get; set; }

    /// <summary>Per-path-class counts of the current second, when the group sets <c>path_rps</c>.</summary>
    public PathClassCounter? Paths { get; init; }

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
