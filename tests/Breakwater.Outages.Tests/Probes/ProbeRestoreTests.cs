using Breakwater.Outages.Probes;

namespace Breakwater.Outages.Tests.Probes;

/// <summary>
/// Probe states taken up again: after a restart (history from the store, through its JSON form) and after a reload
/// (a new probe set): the last state holds without a new announcement, the cycling count carries over.
/// </summary>
public sealed class ProbeRestoreTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProbeSpec Spec = new() { Name = "web", Kind = ProbeKind.Http, Target = "http://127.0.0.1/", Interval = TimeSpan.FromSeconds(10) };

    private static ProbeResult Ok(int round) => new() { Probe = "web", Vantage = "a", Time = T0.AddSeconds(10 * round), Success = true, LatencyMs = 20 };

    private static ProbeResult Fail(int round) => new() { Probe = "web", Vantage = "a", Time = T0.AddSeconds(10 * round), Error = "connect: ConnectionRefused" };

    /// <summary>Up, then two down-and-recovered swings: cycling.</summary>
    private static List<ProbeStateChange> Swings(ProbeStateTracker tracker)
    {
        var rounds = Enumerable.Range(0, 3).Select(Ok).Concat(Enumerable.Range(3, 3).Select(Fail)).Concat(Enumerable.Range(6, 3).Select(Ok))
            .Concat(Enumerable.Range(9, 3).Select(Fail)).Concat(Enumerable.Range(12, 3).Select(Ok));
        return [.. rounds.Select(tracker.Record).OfType<ProbeStateChange>()];
    }

    [Fact]
    public void Restore_HistoryThroughJson_SameStateAndCycling_NoNewChangeWhileUnchanged()
    {
        var first = new ProbeStateTracker(Spec);
        var changes = Swings(first);
        Assert.True(first.Cycling);

        var second = new ProbeStateTracker(Spec);
        second.Restore(changes.Select(ProbeStateJson.Write).Select(ProbeStateJson.Read).OfType<ProbeStateChange>());

        Assert.Equal((first.State, first.Cycling), (second.State, second.Cycling));
        Assert.Equal(changes.Select(c => (c.Time, c.State, c.Previous, c.Cycling, c.Reason, c.Vantage)),
            second.History.Select(c => (c.Time, c.State, c.Previous, c.Cycling, c.Reason, c.Vantage)));
        Assert.Null(second.Record(Ok(15)));
        Assert.Null(second.Record(Ok(16)));
    }

    [Fact]
    public void Restore_ThenAnotherSwing_CountsTheEarlierRecoveries()
    {
        var first = new ProbeStateTracker(Spec);
        var rounds = Enumerable.Range(0, 3).Select(Ok).Concat(Enumerable.Range(3, 3).Select(Fail)).Concat(Enumerable.Range(6, 3).Select(Ok));
        var changes = rounds.Select(first.Record).OfType<ProbeStateChange>().ToList();
        Assert.False(first.Cycling);

        var second = new ProbeStateTracker(Spec);
        second.Restore(changes);
        var after = Enumerable.Range(9, 3).Select(Fail).Concat(Enumerable.Range(12, 3).Select(Ok)).Select(second.Record).OfType<ProbeStateChange>().ToList();

        Assert.True(after[^1].Cycling); // one recovery before the restart and one after: two within the hour
    }

    [Fact]
    public void Reconfigure_NewSet_RemovedProbeGone_KeptProbeKeepsItsState_AgentProbeKept()
    {
        var announced = new List<ProbeStateChange>();
        var monitor = new ProbeMonitor([Spec, Spec with { Name = "old" }], announced.Add);
        foreach (var round in Enumerable.Range(0, 3).Select(Fail))
        {
            monitor.Record(round);
        }

        monitor.Record(new ProbeResult { Probe = "agent-only", Vantage = "fra1", Time = T0, Success = true }, TimeSpan.FromSeconds(10));

        monitor.Reconfigure([Spec with { Interval = TimeSpan.FromSeconds(10) }, Spec with { Name = "new" }], ["web", "old"]);

        Assert.Equal(["agent-only", "new", "web"], monitor.States().Select(s => s.Probe));
        Assert.Equal(ProbeState.Down, monitor.States().Single(s => s.Probe == "web").State);
        var count = announced.Count;
        monitor.Record(Fail(3));
        Assert.Equal(count, announced.Count);
    }
}
