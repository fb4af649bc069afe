namespace Breakwater.Detection;

/// <summary>
/// Thresholds with hysteresis, one machine for hosts and prefixes: a run starts when a second is above the
/// release level, opens when it has been over a threshold for <c>triggerSeconds</c> in a row, and ends after
/// <c>quietSeconds</c> below the release level. Pure: it changes only the <see cref="RunState"/> it is given.
/// </summary>
internal static class Hysteresis
{
    /// <summary>Applies one closed second to a run.</summary>
    public static Transition Step(ref RunState run, in SecondTotals second, int triggerSeconds, int quietSeconds)
    {
        switch (run.State)
        {
            case TargetState.Idle when !second.Above:
                return Transition.StayedIdle;
            case TargetState.Idle:
                run.Begin(second.Second);
                AddToRun(ref run, second);
                return Transition.Began | Pending(ref run, second, triggerSeconds);
            case TargetState.Pending when !second.Above:
                run.ResetRun();
                return Transition.Lapsed;
            case TargetState.Pending:
                AddToRun(ref run, second);
                return Pending(ref run, second, triggerSeconds);
            default:
                return Attacked(ref run, second, quietSeconds);
        }
    }

    /// <summary>Seconds with no traffic at all: a pending run lapses, an open incident counts quiet time.</summary>
    public static Transition Skip(ref RunState run, long seconds, int quietSeconds)
    {
        switch (run.State)
        {
            case TargetState.Pending:
                run.ResetRun();
                return Transition.Lapsed;
            case TargetState.Attacked:
                run.Quiet = (int)Math.Min(run.Quiet + seconds, int.MaxValue);
                return run.Quiet >= quietSeconds ? Transition.Ended : Transition.Quiet;
            default:
                return Transition.None;
        }
    }

    /// <summary>
    /// Whether a second now found over a threshold, before it closes, completes the trigger run: the incident can
    /// open at the deciding packet rather than when the second ends.
    /// </summary>
    public static bool CompletesTrigger(in RunState run, int triggerSeconds) =>
        run.State == TargetState.Pending ? run.OverStreak + 1 >= triggerSeconds : run.State == TargetState.Idle && triggerSeconds <= 1;

    /// <summary>Opens the run within its current second (the owner creates the incident).</summary>
    public static void OpenNow(ref RunState run, long second)
    {
        if (run.State == TargetState.Idle)
        {
            run.Begin(second);
        }

        run.State = TargetState.Attacked;
        run.Quiet = 0;
    }

    private static Transition Pending(ref RunState run, in SecondTotals second, int triggerSeconds)
    {
        run.OverStreak = second.Over ? run.OverStreak + 1 : 0;
        if ((second.Over && second.Decided) || run.OverStreak >= triggerSeconds)
        {
            run.State = TargetState.Attacked;
            run.Quiet = 0;
            return Transition.Opened;
        }

        return Transition.None;
    }

    private static Transition Attacked(ref RunState run, in SecondTotals second, int quietSeconds)
    {
        if (second.Above)
        {
            run.RunPackets += run.TailPackets;
            run.RunBytes += run.TailBytes;
            run.TailPackets = 0;
            run.TailBytes = 0;
            AddToRun(ref run, second);
            run.Quiet = 0;
            return Transition.Attack;
        }

        run.TailPackets += second.Packets;
        run.TailBytes += second.Bytes;
        return ++run.Quiet >= quietSeconds ? Transition.Ended : Transition.Quiet;
    }

    private static void AddToRun(ref RunState run, in SecondTotals second)
    {
        run.RunSamples += second.Samples;
        run.RunPackets += second.Packets;
        run.RunBytes += second.Bytes;
        run.RunPeakPps = Math.Max(run.RunPeakPps, second.Packets / second.Seconds);
        run.RunPeakBps = Math.Max(run.RunPeakBps, second.Bytes * 8 / second.Seconds);
        run.LastAttackSecond = second.Second;
    }
}
