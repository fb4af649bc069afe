using Breakwater.Configuration;
using Breakwater.IntegrationTests.Support;
using Breakwater.Outages.Probes;
using Breakwater.Server;
using Breakwater.Server.Outages;
using Breakwater.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>
/// A daemon's outage service stopped and started again on the same SQLite store: user-report counts, waves and probe
/// states come back, nothing is announced twice, and the learned baseline is back at once (a wave right after the
/// restart is found, which a cold baseline could not do).
/// </summary>
public sealed class OutageRestartTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Minutes of steady reports (30 a minute, deterministic jitter), plus <paramref name="extra"/> per minute index.</summary>
    private void Feed(OutageService outages, int minutes, Func<int, int> extra)
    {
        for (var i = 0; i < minutes; i++)
        {
            var now = _time.GetUtcNow();
            outages.Intake.Log.Add(now, "app", 30 + ((i * 7) % 9) - 4 + extra(i));
            _time.Advance(TimeSpan.FromMinutes(1));
            outages.Waves.Advance(_time.GetUtcNow());
        }
    }

    private ProbeResult Result(bool success) => new() { Probe = "web", Vantage = "fra1", Time = _time.GetUtcNow(), Success = success, LatencyMs = success ? 12 : null, Error = success ? null : "connection refused" };

    [Fact]
    public async Task Restart_SameStore_ReportsWavesAndProbeStatesComeBack_AndTheBaselineIsLearned()
    {
        var config = new BreakwaterConfig { Reports = new ReportsSettings { Enabled = true } };
        await using var store = new SqliteIncidentStore(_dir.File("breakwater.db"));
        await store.MigrateAsync(Ct);

        // First run: three hours of normal reports, a 40-minute wave, an hour of normal; probe "web" goes down.
        var firstEvents = new StringWriter();
        var first = new OutageService(config, new EventStreamWriter(firstEvents, _time), _time, store);
        await first.StartAsync(Ct);
        Feed(first, 180, _ => 0);
        Feed(first, 40, i => 300);
        Feed(first, 60, _ => 0);
        for (var i = 0; i < 3; i++)
        {
            first.Probes.Record(Result(success: false), TimeSpan.FromSeconds(10));
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var wave = Assert.Single(first.Waves.Waves(T0, _time.GetUtcNow()), w => w.Signal == "reports_1m");
        var reportsBefore = first.Intake.Log.Buckets(T0, _time.GetUtcNow(), TimeSpan.FromHours(1)).Sum(b => b.Count);
        var history = first.Probes.History();
        Assert.Equal(ProbeState.Down, Assert.Single(first.Probes.States()).State);
        await first.StopAsync(Ct);
        first.Dispose();

        // Second run on the same store.
        var secondEvents = new StringWriter();
        var second = new OutageService(config, new EventStreamWriter(secondEvents, _time), _time, store);
        await second.StartAsync(Ct);

        var restored = Assert.Single(second.Waves.Waves(T0, _time.GetUtcNow()), w => w.Signal == "reports_1m");
        Assert.Equal((wave.Id, wave.Start, wave.Peak, wave.End, wave.PeakCount, wave.Reports, false), (restored.Id, restored.Start, restored.Peak, restored.End, restored.PeakCount, restored.Reports, restored.Ongoing));
        Assert.Equal(reportsBefore, second.Intake.Log.Buckets(T0, _time.GetUtcNow(), TimeSpan.FromHours(1)).Sum(b => b.Count));
        Assert.Equal(ProbeState.Down, Assert.Single(second.Probes.States()).State);
        Assert.Equal(history.Select(h => (h.Time, h.State, h.Reason)), second.Probes.History().Select(h => (h.Time, h.State, h.Reason)));

        // Still down after the restart: no new probe.state; the first wave is not announced again.
        second.Probes.Record(Result(success: false), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("\"probe.state\"", secondEvents.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"wave.", secondEvents.ToString(), StringComparison.Ordinal);

        // A second wave straight after the restart is found: the baseline came back with the reports.
        Feed(second, 30, _ => 300);
        Assert.Contains("\"wave.started\"", secondEvents.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, second.Waves.Waves(T0, _time.GetUtcNow()).Count(w => w.Signal == "reports_1m"));
        await second.StopAsync(Ct);
        second.Dispose();
    }

    [Fact]
    public async Task Restart_WithoutStore_StartsEmpty()
    {
        var outages = new OutageService(new BreakwaterConfig(), new EventStreamWriter(TextWriter.Null, _time), _time);
        await outages.StartAsync(Ct);

        Assert.Empty(outages.Probes.States());
        Assert.Empty(outages.Waves.Waves(T0.AddDays(-1), T0.AddDays(1)));
        await outages.StopAsync(Ct);
        outages.Dispose();
    }
}
