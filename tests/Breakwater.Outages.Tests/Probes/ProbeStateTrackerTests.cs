using Breakwater.Outages.Probes;

namespace Breakwater.Outages.Tests.Probes;

public sealed class ProbeStateTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProbeSpec Spec = new() { Name = "web", Kind = ProbeKind.Http, Target = "http://127.0.0.1/", Interval = TimeSpan.FromSeconds(10) };

    private static ProbeResult Ok(int round, string vantage = "a", double latency = 20) =>
        new() { Probe = "web", Vantage = vantage, Time = T0.AddSeconds(10 * round), Success = true, LatencyMs = latency + (round % 3) };

    private static ProbeResult Fail(int round, string vantage = "a") =>
        new() { Probe = "web", Vantage = vantage, Time = T0.AddSeconds(10 * round), Error = "connect: ConnectionRefused" };

    private static List<ProbeStateChange> Feed(ProbeStateTracker tracker, IEnumerable<ProbeResult> results) =>
        [.. results.Select(tracker.Record).OfType<ProbeStateChange>()];

    [Fact]
    public void Record_OneVantageFailing_DownWithinTwoIntervals_UpAgainAfterRecovery()
    {
        var tracker = new ProbeStateTracker(Spec);
        var changes = Feed(tracker, Enumerable.Range(0, 5).Select(i => Ok(i))
            .Concat(Enumerable.Range(5, 4).Select(i => Fail(i)))
            .Concat(Enumerable.Range(9, 4).Select(i => Ok(i))));

        Assert.Equal([ProbeState.Up, ProbeState.Down, ProbeState.Up], changes.Select(c => c.State));
        Assert.Equal(T0.AddSeconds(60), changes[1].Time); // second failed round
        Assert.Equal("a", changes[1].Vantage);
        Assert.Contains("ConnectionRefused", changes[1].Reason);
    }

    [Fact]
    public void Record_OneOfThreeVantagesFails_DegradedNotDown_TwoOfThreeDown()
    {
        var tracker = new ProbeStateTracker(Spec);
        var results = new List<ProbeResult>();
        for (var i = 0; i < 4; i++)
        {
            results.AddRange([Ok(i, "a"), Ok(i, "b"), Ok(i, "c")]);
        }

        for (var i = 4; i < 8; i++)
        {
            results.AddRange([Fail(i, "a"), Ok(i, "b"), Ok(i, "c")]);
        }

        for (var i = 8; i < 12; i++)
        {
            results.AddRange([Fail(i, "a"), Fail(i, "b"), Ok(i, "c")]);
        }

        var changes = Feed(tracker, results);

        Assert.Equal([ProbeState.Up, ProbeState.Degraded, ProbeState.Down], changes.Select(c => c.State));
        Assert.Equal("quorum", changes[2].Vantage);
        Assert.Equal(["a", "b"], changes[2].Failing);
        Assert.Equal(3, changes[2].Vantages);
    }

    [Fact]
    public void Record_LatencyFarAboveItsBaseline_Degraded()
    {
        var tracker = new ProbeStateTracker(Spec);
        var changes = Feed(tracker, Enumerable.Range(0, 30).Select(i => Ok(i)).Concat(Enumerable.Range(30, 4).Select(i => Ok(i, latency: 400))));

        Assert.Equal([ProbeState.Up, ProbeState.Degraded], changes.Select(c => c.State));
        Assert.Contains("baseline", changes[1].Reason);
        Assert.InRange(changes[1].BaselineMs!.Value, 19, 24);
    }

    [Fact]
    public void Record_FixedDegradedMs_OverridesTheBaseline()
    {
        var tracker = new ProbeStateTracker(Spec with { DegradedMs = 15 });
        var changes = Feed(tracker, Enumerable.Range(0, 4).Select(i => Ok(i)));

        Assert.Equal(ProbeState.Degraded, Assert.Single(changes).State);
        Assert.Contains("degraded_ms", changes[0].Reason);
    }

    [Fact]
    public void Record_RepeatedSwingsWithinAnHour_SetCycling()
    {
        var tracker = new ProbeStateTracker(Spec);
        var results = new List<ProbeResult>();
        var round = 0;
        for (var swing = 0; swing < 3; swing++)
        {
            for (var i = 0; i < 6; i++)
            {
                results.Add(Ok(round++));
            }

            for (var i = 0; i < 6; i++)
            {
                results.Add(Fail(round++));
            }
        }

        results.Add(Ok(round++));
        results.Add(Ok(round++));
        var changes = Feed(tracker, results);

        Assert.False(changes.First(c => c.State == ProbeState.Down).Cycling);
        Assert.True(changes[^1].Cycling);
    }

    [Fact]
    public void Record_ASingleFailedRound_DoesNotChangeTheState()
    {
        var tracker = new ProbeStateTracker(Spec);
        var changes = Feed(tracker, [Ok(0), Ok(1), Ok(2), Fail(3), Ok(4), Ok(5)]);

        Assert.Equal([ProbeState.Up], changes.Select(c => c.State));
    }
}
