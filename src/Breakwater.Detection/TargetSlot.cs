using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>One tracked destination: its current one-second counters and lifecycle state.</summary>
internal struct TargetSlot
{
    public NetAddress Address;
    public ulong Hash;

    /// <summary>The second the counters belong to.</summary>
    public long Second;

    /// <summary>The last second this slot was closed for (guards against closing twice in one roll).</summary>
    public long ClosedSecond;

    public long Packets;
    public long Bytes;

    /// <summary>Packet count at which the next intra-second check runs (doubles each time).</summary>
    public long NextCheck;

    /// <summary>Packets in the last completed second: the eviction score.</summary>
    public long PreviousPackets;

    public long TotalPackets;
    public long TotalBytes;

    // The run (pending or attacked): totals of closed seconds above the release level, exact whatever the sampling.
    public long RunPackets;
    public long RunBytes;
    public double RunPeakPps;
    public double RunPeakBps;

    /// <summary>Traffic of quiet seconds inside an open incident: folded into the run if the attack resumes.</summary>
    public long TailPackets;
    public long TailBytes;

    /// <summary>All packets seen anywhere when the run started, to size the rest of the traffic for collateral.</summary>
    public long GlobalPacketsAtStart;

    public long RunStart;
    public long LastAttackSecond;
    public double PeakPps;
    public double PeakBps;
    /// <summary>Sampled packets (before scaling) in the current second: the Poisson count behind the estimate.</summary>
    public long Samples;

    /// <summary>Last sampling rate above 1 seen for this target (0: never sampled).</summary>
    public long SamplingRate;

    /// <summary>Samples in the run (pending or attacked), for the incident's note.</summary>
    public long RunSamples;

    /// <summary>The target's prefix slot (0: the untracked sink) for prefix-level (carpet bombing) detection.</summary>
    public int Prefix;

    public IncidentTracker? Tracker;
    public Incident? Incident;
    public int Group;
    public int Network;
    public int OverStreak;
    public int Quiet;
    public TargetState State;
    public bool InUse;
    public bool Active;
}
