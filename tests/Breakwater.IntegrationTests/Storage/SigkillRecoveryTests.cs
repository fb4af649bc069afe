using System.Text.Json;
using Breakwater.IntegrationTests.Support;
using Breakwater.Storage.Sqlite;
using Breakwater.Wire;
using Microsoft.Data.Sqlite;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>
/// Nothing lost: a real <c>breakwater run</c> killed with SIGKILL in the middle of an attack comes back with the incident
/// and its timeline up to the last flushed second; it resumes the same incident when the attack goes on and ends it
/// at its last stored second when it does not.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SigkillRecoveryTests : IDisposable
{
    private static readonly NetAddress Target = NetAddress.Parse("198.51.100.7");
    private readonly TempDirectory _dir = new();
    private readonly int _port = PeerProcess.FreeUdpPort();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigkill_AttackGoesOn_SameIncidentResumedThenEnded()
    {
        var (id, killedAt, storedPackets) = await AttackAndKillAsync();

        await using var daemon = await DaemonProcess.StartAsync(Config(), Ct);
        await DaemonProcess.FloodAsync(_port, Target, TimeSpan.FromSeconds(4), Ct);
        var ended = await daemon.WaitForEventAsync("incident.ended", null, TimeSpan.FromSeconds(15), Ct);
        Assert.Equal(0, await daemon.StopAsync(Ct));

        // The restarted daemon never announced a new incident for the target: it carried on with the stored one.
        Assert.DoesNotContain(daemon.Events(), e => e.GetProperty("event").GetString() == "incident.started");
        Assert.Contains(daemon.Events(), e => e.GetProperty("event").GetString() == "incident.updated" && IdOf(e) == id);
        Assert.Equal(id, IdOf(ended));
        Assert.True(ended.GetProperty("incident").GetProperty("packets").GetInt64() > storedPackets, "totals carry over the restart");

        await using var store = new SqliteIncidentStore(_dir.File("store.db"));
        var stored = (await store.GetIncidentAsync(id, Ct))!;
        Assert.Equal("ended", stored.Incident.Status);
        Assert.True(stored.Incident.End > killedAt, "the end is after the restart");
        Assert.Equal(["detected", "resumed", "ended"], (await store.GetStateChangesAsync(id, Ct)).Select(s => s.State));
        var seconds = (await store.GetTimelineAsync(id, Ct)).Select(p => p.Second).Distinct().ToList();
        Assert.Contains(seconds, s => s < killedAt);
        Assert.Contains(seconds, s => s > killedAt);
    }

    [Fact]
    public async Task Sigkill_AttackStopped_IncidentEndsAtItsLastStoredSecond()
    {
        var (id, _, _) = await AttackAndKillAsync();
        DateTimeOffset? lastStored;
        await using (var before = new SqliteIncidentStore(_dir.File("store.db")))
        {
            lastStored = (await before.GetIncidentAsync(id, Ct))!.LastSecond;
        }

        await using var daemon = await DaemonProcess.StartAsync(Config(), Ct);
        var ended = await daemon.WaitForEventAsync("incident.ended", null, TimeSpan.FromSeconds(25), Ct);
        Assert.Equal(0, await daemon.StopAsync(Ct));

        Assert.Equal(id, IdOf(ended));
        var incident = ended.GetProperty("incident");
        Assert.Equal("ended", incident.GetProperty("status").GetString());
        Assert.Equal(lastStored, DateTimeOffset.Parse(incident.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(incident.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("had not resumed", StringComparison.Ordinal));
        await using var store = new SqliteIncidentStore(_dir.File("store.db"));
        Assert.Empty(await store.GetOpenIncidentsAsync(Ct));
    }

    /// <summary>Starts a daemon, floods the target until the incident has run a few seconds, kills it; checks what was kept.</summary>
    private async Task<(string Id, DateTimeOffset KilledAt, long Packets)> AttackAndKillAsync()
    {
        await using var daemon = await DaemonProcess.StartAsync(Config(), Ct);
        using var flooding = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var flood = DaemonProcess.FloodAsync(_port, Target, TimeSpan.FromSeconds(30), flooding.Token);
        var started = await daemon.WaitForEventAsync("incident.started", null, TimeSpan.FromSeconds(15), Ct);
        var id = IdOf(started);
        // Kill once the store holds a few seconds of the incident's timeline (the daemon keeps writing meanwhile: WAL readers never block it).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var reading = new SqliteIncidentStore(_dir.File("store.db")))
            {
                if ((await reading.GetTimelineAsync(id, Ct)).Select(p => p.Second).Distinct().Count() >= 3 || DateTime.UtcNow > deadline)
                {
                    break;
                }
            }

            await Task.Delay(200, Ct);
        }

        await Task.Delay(1500, Ct);
        var killedAt = DateTimeOffset.UtcNow;
        await daemon.KillAsync();
        await flooding.CancelAsync();
        try
        {
            await flood;
        }
        catch (OperationCanceledException)
        {
        }
        SqliteConnection.ClearAllPools();

        await using var store = new SqliteIncidentStore(_dir.File("store.db"));
        var stored = await store.GetIncidentAsync(id, Ct);
        Assert.NotNull(stored);
        Assert.Equal("detected", stored.Incident.Status);
        Assert.Equal("ntp_amplification", stored.Incident.Vectors[0].Name);

        // Flushed at least every second: at most about two seconds of the timeline are missing at the kill.
        var timeline = await store.GetTimelineAsync(id, Ct);
        var last = timeline.Max(p => p.Second);
        Assert.True(killedAt - last <= TimeSpan.FromSeconds(4), $"last stored second {last:O}, killed at {killedAt:O}");
        Assert.True(stored.LastSecond >= last.AddSeconds(-1));
        Assert.True(timeline.Sum(p => p.Packets) > 30_000);
        return (id, killedAt, stored.Incident.Packets);
    }

    private string Config()
    {
        var path = _dir.File("breakwater.yaml");
        File.WriteAllText(path, $$"""
            networks:
              - { prefix: 198.51.100.0/24, group: web }
            groups:
              web: { thresholds: { pps: 4000 } }
            collectors:
              netflow: { listen: ["127.0.0.1:{{_port}}"] }
            detection: { quiet_seconds: 3 }
            storage: { sqlite: { path: store.db } }
            """);
        return path;
    }

    private static string IdOf(JsonElement e) => e.GetProperty("incident").GetProperty("id").GetString()!;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
