using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Engine-side state of one incident; <see cref="Report"/> is the public view, refreshed from it.</summary>
internal sealed class Incident(IncidentReport report, NetAddress target, int slot, int network, long startSecond, long detectedNanos)
{
    public IncidentReport Report { get; } = report;

    public NetAddress Target { get; } = target;

    /// <summary>The target's slot; slots of open incidents are never evicted.</summary>
    public int Slot { get; } = slot;

    public int Network { get; } = network;

    public long StartSecond { get; } = startSecond;

    public long DetectedNanos { get; } = detectedNanos;

    public long LastAttackSecond { get; set; } = startSecond;

    public long LastUpdateSecond { get; set; } = long.MinValue;

    public long LastFingerprintSecond { get; set; }

    public bool Ended { get; set; }

    public long GlobalPacketsAtEnd { get; set; }

    public List<string> Notes { get; } = [];

    /// <summary>The target is a prefix (carpet bombing); <see cref="Slot"/> is then a prefix slot.</summary>
    public Prefix? Prefix { get; init; }

    public bool IsPrefix => Prefix is not null;

    /// <summary>Prefix incidents: the hosts seen under attack, most packets first (kept when the prefix slot is reused).</summary>
    public IReadOnlyList<string> Hosts { get; set; } = [];
}
