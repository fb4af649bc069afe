using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>One tracked destination: its current one-second counters and its run (<see cref="RunState"/>).</summary>
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

    /// <summary>The last intra-second check in this second (0: none yet): time and counters, for the recent rate.</summary>
    public long LastCheckNanos;
    public long LastCheckPackets;
    public long LastCheckBytes;

    /// <summary>Start of a burst far over the thresholds in this second (0: none): time and counters then.</summary>
    public long BurstNanos;
    public long BurstPackets;
    public long BurstBytes;

    /// <summary>Packets in the last completed second: the eviction score.</summary>
    public long PreviousPackets;

    public long TotalPackets;
    public long TotalBytes;
    public double PeakPps;
    public double PeakBps;

    /// <summary>Sampled packets (before scaling) in the current second: the Poisson count behind the estimate.</summary>
    public long Samples;

    /// <summary>Last sampling rate above 1 seen for this target (0: never sampled).</summary>
    public long SamplingRate;

    /// <summary>The target's prefix slot (0: the untracked sink) for prefix-level (carpet bombing) detection.</summary>
    public int Prefix;

    public int Group;
    public int Network;
    public bool InUse;

    public RunState Run;

    /// <summary>Outgoing engine only: the second of <see cref="ReturnPackets"/>, packets the sender's destinations sent back (answers, not errors).</summary>
    public long ReturnSecond;
    public long ReturnPackets;
}
