namespace Breakwater.Detection.Tests;

/// <summary>The one hysteresis step that hosts and prefixes share, on hand-made seconds.</summary>
public sealed class HysteresisTests
{
    private const int Trigger = 2;
    private const int Quiet = 3;

    private static SecondTotals Over(long s, long packets = 10_000) => new(s, packets, packets * 60, 0, 1.0, above: true, over: true, decided: false);

    private static SecondTotals Above(long s, long packets = 3_000) => new(s, packets, packets * 60, 0, 1.0, above: true, over: false, decided: false);

    private static SecondTotals Below(long s, long packets = 100) => new(s, packets, packets * 60, 0, 1.0, above: false, over: false, decided: false);

    [Fact]
    public void Step_IdleBelowRelease_StaysIdle()
    {
        var run = default(RunState);
        Assert.Equal(Transition.StayedIdle, Hysteresis.Step(ref run, Below(1), Trigger, Quiet));
        Assert.Equal(TargetState.Idle, run.State);
        Assert.Equal(0, run.RunPackets);
    }

    [Fact]
    public void Step_OverForTriggerSeconds_BeginsThenOpensAtOnset()
    {
        var run = default(RunState);
        Assert.Equal(Transition.Began, Hysteresis.Step(ref run, Over(10), Trigger, Quiet));
        Assert.Equal(TargetState.Pending, run.State);
        Assert.Equal(Transition.Opened, Hysteresis.Step(ref run, Over(11), Trigger, Quiet));
        Assert.Equal(TargetState.Attacked, run.State);
        Assert.Equal(10, run.RunStart);
        Assert.Equal(11, run.LastAttackSecond);
        Assert.Equal(20_000, run.RunPackets);
        Assert.Equal(10_000, run.RunPeakPps);
    }

    [Fact]
    public void Step_AboveButNotOver_StaysPendingAndBreaksTheStreak()
    {
        var run = default(RunState);
        Hysteresis.Step(ref run, Over(1), Trigger, Quiet);
        Assert.Equal(Transition.None, Hysteresis.Step(ref run, Above(2), Trigger, Quiet));
        Assert.Equal(0, run.OverStreak);
        Assert.Equal(Transition.None, Hysteresis.Step(ref run, Over(3), Trigger, Quiet));
        Assert.Equal(Transition.Opened, Hysteresis.Step(ref run, Over(4), Trigger, Quiet));
        Assert.Equal(1, run.RunStart);
    }

    [Fact]
    public void Step_PendingFallsBelowRelease_LapsesAndDropsTheRun()
    {
        var run = default(RunState);
        Hysteresis.Step(ref run, Over(1), Trigger, Quiet);
        Assert.Equal(Transition.Lapsed, Hysteresis.Step(ref run, Below(2), Trigger, Quiet));
        Assert.Equal(TargetState.Idle, run.State);
        Assert.Equal(0, run.RunPackets);
        Assert.Equal(0, run.OverStreak);
    }

    [Fact]
    public void Step_DecidedEvidence_OpensOnTheFirstSecondOver()
    {
        var run = default(RunState);
        var decided = new SecondTotals(5, 100, 6_000, 40, 1.0, above: true, over: true, decided: true);
        Assert.Equal(Transition.Began | Transition.Opened, Hysteresis.Step(ref run, decided, Trigger, Quiet));
        Assert.Equal(TargetState.Attacked, run.State);
    }

    [Fact]
    public void Step_QuietForQuietSeconds_EndsAtLastAttackSecond()
    {
        var run = Opened();
        Assert.Equal(Transition.Quiet, Hysteresis.Step(ref run, Below(3), Trigger, Quiet));
        Assert.Equal(Transition.Quiet, Hysteresis.Step(ref run, Below(4), Trigger, Quiet));
        Assert.Equal(Transition.Ended, Hysteresis.Step(ref run, Below(5), Trigger, Quiet));
        Assert.Equal(2, run.LastAttackSecond);
    }

    [Fact]
    public void Step_AttackResumesAfterQuietSeconds_FoldsTheTailIntoTheRun()
    {
        var run = Opened();
        var before = run.RunPackets;
        Hysteresis.Step(ref run, Below(3, packets: 100), Trigger, Quiet);
        Assert.Equal(Transition.Attack, Hysteresis.Step(ref run, Over(4), Trigger, Quiet));
        Assert.Equal(0, run.Quiet);
        Assert.Equal(before + 100 + 10_000, run.RunPackets);
        Assert.Equal(0, run.TailPackets);
        Assert.Equal(4, run.LastAttackSecond);
    }

    [Fact]
    public void Skip_PendingLapses_AttackedCountsQuietAndEnds()
    {
        var pending = default(RunState);
        Hysteresis.Step(ref pending, Over(1), Trigger, Quiet);
        Assert.Equal(Transition.Lapsed, Hysteresis.Skip(ref pending, 5, Quiet));

        var attacked = Opened();
        Assert.Equal(Transition.Quiet, Hysteresis.Skip(ref attacked, Quiet - 1, Quiet));
        Assert.Equal(Transition.Ended, Hysteresis.Skip(ref attacked, 1, Quiet));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void CompletesTrigger_IdleHost_OnlyWhenOneSecondTriggers(int trigger, bool expected)
    {
        var run = default(RunState);
        Assert.Equal(expected, Hysteresis.CompletesTrigger(run, trigger));
    }

    [Fact]
    public void CompletesTrigger_PendingOneShortOfTheStreak_Completes()
    {
        var run = default(RunState);
        Hysteresis.Step(ref run, Over(1), Trigger, Quiet);
        Assert.True(Hysteresis.CompletesTrigger(run, Trigger));
        Assert.False(Hysteresis.CompletesTrigger(run, 3));
    }

    private static RunState Opened()
    {
        var run = default(RunState);
        Hysteresis.Step(ref run, Over(1), Trigger, Quiet);
        Hysteresis.Step(ref run, Over(2), Trigger, Quiet);
        Assert.Equal(TargetState.Attacked, run.State);
        return run;
    }
}
