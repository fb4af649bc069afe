using System.Collections.Concurrent;
using Breakwater.Outages.Probes;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>Probes on a schedule against services that break and recover: the state follows within a few intervals.</summary>
[Collection(ProbeTargetsCollection.Name)]
public sealed class ProbeScheduleTests(ProbeTargets targets)
{
    [Fact]
    public async Task Scheduler_HttpAndDnsBreakAndRecover_DownThenUpWithinAFewIntervals()
    {
        var interval = TimeSpan.FromMilliseconds(200);
        ProbeSpec[] specs =
        [
            new() { Name = "http", Kind = ProbeKind.Http, Target = targets.Http("/flaky"), Interval = interval, Timeout = TimeSpan.FromMilliseconds(150), Retries = 0 },
            new() { Name = "dns", Kind = ProbeKind.Dns, Target = "up.example", Server = $"127.0.0.1:{targets.DnsPort}", Interval = interval, Timeout = TimeSpan.FromMilliseconds(150), Retries = 0 },
        ];
        var changes = new ConcurrentQueue<ProbeStateChange>();
        var monitor = new ProbeMonitor(specs, changes.Enqueue);
        using var stop = new CancellationTokenSource();
        targets.Broken = false;
        var run = new ProbeScheduler(specs, "local", TimeProvider.System, [r => monitor.Record(r)]).RunAsync(stop.Token);
        try
        {
            await Until(() => monitor.States().All(s => s.State == ProbeState.Up));

            // A cold first request on a loaded machine may time out before the first Up; what follows the break is the subject here.
            changes.Clear();
            targets.Broken = true;
            var broken = DateTime.UtcNow;
            await Until(() => monitor.States().All(s => s.State == ProbeState.Down));
            var detection = DateTime.UtcNow - broken;
            targets.Broken = false;
            await Until(() => monitor.States().All(s => s.State == ProbeState.Up));

            // Two failed rounds announce down; allow generously for a loaded machine.
            Assert.True(detection < TimeSpan.FromSeconds(5), $"down after {detection}");
        }
        finally
        {
            targets.Broken = false;
            await stop.CancelAsync();
            await run;
        }

        foreach (var probe in new[] { "http", "dns" })
        {
            Assert.Equal([ProbeState.Down, ProbeState.Up], changes.Where(c => c.Probe == probe).Select(c => c.State));
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the probe states did not follow within 15 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
