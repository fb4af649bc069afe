namespace Breakwater.Detection;

/// <summary>
/// The hysteresis state of one run of attack traffic (pending or under an incident), embedded by value in both
/// <see cref="TargetSlot"/> and <see cref="PrefixSlot"/>: hosts and prefixes go through the same machine, <see cref="Hysteresis"/>.
/// </summary>
internal struct RunState
{
    public TargetState State;

    /// <summary>First second of the run: the incident's <c>start</c>.</summary>
    public long RunStart;

    /// <summary>Last second above the release level: the incident's <c>end</c> once it closes.</summary>
    public long LastAttackSecond;

    /// <summary>Consecutive closed seconds over a threshold while pending.</summary>
    public int OverStreak;

    /// <summary>Consecutive seconds below the release level while under attack.</summary>
    public int Quiet;

    // Totals of closed seconds above the release level, exact whatever the sampling.
    public long RunPackets;
    public long RunBytes;

    /// <summary>Samples in the run (sampled hosts), for the incident's note.</summary>
    public long RunSamples;
    public double RunPeakPps;
    public double RunPeakBps;

    /// <summary>Traffic of quiet seconds inside an open incident: folded into the run if the attack resumes.</summary>
    public long TailPackets;
    public long TailBytes;

    /// <summary>All packets seen anywhere when the run started, to size the rest of the traffic for collateral.</summary>
    public long GlobalPacketsAtStart;

    /// <summary>Per-record analyser, from the pool (<see cref="TrackerPool"/>); null when none is attached.</summary>
    public IncidentTracker? Tracker;

    public Incident? Incident;

    /// <summary>Starts a run at <paramref name="second"/> (idle → pending).</summary>
    public void Begin(long second)
    {
        State = TargetState.Pending;
        RunStart = second;
        OverStreak = 0;
    }

    /// <summary>Back to idle: the run's totals are dropped (the tracker and incident are released by their owners first).</summary>
    public void ResetRun()
    {
        State = TargetState.Idle;
        OverStreak = 0;
        Quiet = 0;
        RunPackets = 0;
        RunBytes = 0;
        RunSamples = 0;
        RunPeakPps = 0;
        RunPeakBps = 0;
        TailPackets = 0;
        TailBytes = 0;
    }
}
