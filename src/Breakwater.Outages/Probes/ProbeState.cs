namespace Breakwater.Outages.Probes;

/// <summary>A service's state as the probes see it (<c>probe.state</c> events carry its lower-case name).</summary>
public enum ProbeState
{
    Unknown,
    Up,
    Degraded,
    Down,
}
