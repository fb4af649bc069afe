using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.IntegrationTests.Support;
using Breakwater.Storage;
using Breakwater.Storage.Postgres;
using Breakwater.Storage.Sqlite;
using Breakwater.Storage.Writing;
using Breakwater.Wire;
using Microsoft.Data.Sqlite;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>
/// The batched writer between the engine and the store: what the engine reports arrives whole (incident, timeline,
/// minute rollups), the detection side never waits for the store, a failing store is counted and caught up later.
/// </summary>
public sealed class StoreWriterTests : IDisposable
{
    private const long Second = 1_000_000_000;
    private static readonly long T0 = StoreSamples.T0.ToUnixTimeSeconds() * Second;
    private static readonly NetAddress Victim = NetAddress.Parse("198.51.100.7");
    private static readonly NetAddress Neighbour = NetAddress.Parse("198.51.100.8");

    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EngineThroughWriter_SynFlood_StoresIncidentTimelineSummingToItsVectorAndExactRollups()
    {
        await using var store = await SqliteAsync();
        await using var writer = new StoreWriter(store);
        var engine = new DetectionEngine(
            new DetectionSettings
            {
                Networks = [new ProtectedNetwork(Prefix.Parse("198.51.100.0/24"), "web")],
                Groups = new Dictionary<string, HostGroup> { ["web"] = new("web", new Thresholds { Pps = 4000 }) },
                QuietSeconds = 3,
            },
            writer) { SecondObserver = writer };

        // 10 s of SYN flood at 10,000 pps to one host (100,000 packets) and 50 pps of UDP to its neighbour, 60-byte frames.
        for (long i = 0; i < 100_000; i++)
        {
            var flood = Record(T0 + (i * Second / 10_000), Victim, 6, TcpFlags.Syn, (uint)i);
            engine.Add(ref flood, default);
            if (i % 200 == 0)
            {
                var udp = Record(T0 + (i * Second / 10_000), Neighbour, 17, 0, 7);
                engine.Add(ref udp, default);
            }
        }

        engine.Complete();
        await writer.FlushAsync(Ct);

        var incident = Assert.Single(engine.Incidents);
        var stored = await store.GetIncidentAsync(incident.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(AnalysisJson.Serialize(incident), AnalysisJson.Serialize(stored.Incident));
        Assert.Equal(["detected", "ended"], (await store.GetStateChangesAsync(incident.Id, Ct)).Select(s => s.State));

        var timeline = await store.GetTimelineAsync(incident.Id, Ct);
        var syn = incident.Vectors.Single(v => v.Name == "syn_flood");
        Assert.Equal(syn.Packets, timeline.Where(p => p.Vector == "syn_flood").Sum(p => p.Packets));
        Assert.True(timeline.Select(p => p.Second).Distinct().Count() >= 8, "one row per second of the attack");
        Assert.All(timeline, p => Assert.InRange(p.Second, incident.Start, incident.End!.Value));

        var to = StoreSamples.T0.AddMinutes(1);
        var victim = await store.GetHostTrafficAsync("198.51.100.7", StoreSamples.T0, to, TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(100_000, Assert.Single(victim).Packets);
        Assert.Equal(6_000_000, victim[0].Bytes);
        Assert.Equal(100_000, victim[0].Classes.Syn);
        Assert.Equal(10_000, victim[0].PeakPps);
        var neighbour = await store.GetHostTrafficAsync("198.51.100.8", StoreSamples.T0, to, TimeSpan.FromMinutes(1), Ct);
        Assert.Equal(500, Assert.Single(neighbour).Classes.Udp);
        Assert.Equal(["198.51.100.7", "198.51.100.8"], (await store.GetTopHostsAsync(StoreSamples.T0, to, 5, Ct)).Select(h => h.Address));
    }

    [Fact]
    public async Task DetectionSide_StoreHangs_CallsReturnAndTheRowsArriveWhenItIsBack()
    {
        var blocking = new BlockingStore(await SqliteAsync());
        await using var writer = new StoreWriter(blocking, new StoreWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(100) });
        writer.Start();
        blocking.Block();
        var report = StoreSamples.Incident("h1");
        writer.OnStarted(report);
        while (blocking.Writes == 0)
        {
            await Task.Delay(20, Ct); // the writer is now stuck inside the store
        }

        // The detection thread goes on: thousands of seconds and updates while the one write hangs.
        for (var s = 0; s < 5_000; s++)
        {
            writer.OnTargetSecond(new TargetSecond(StoreSamples.T0.ToUnixTimeSeconds() + s, Victim, 0, 100, 6000, 100, 0, 0, 100, 0, 0, 0, 0));
            writer.OnUpdated(report);
        }

        blocking.Release();
        await writer.FlushAsync(Ct);

        Assert.NotNull(await blocking.GetIncidentAsync("h1", Ct));
        var traffic = await blocking.GetHostTrafficAsync("198.51.100.7", StoreSamples.T0, StoreSamples.T0.AddHours(2), TimeSpan.FromHours(2), Ct);
        Assert.Equal(500_000, Assert.Single(traffic).Packets);
        Assert.Equal(0, writer.Metrics.Dropped);
    }

    [Fact]
    public async Task RollupQueueFull_ExtraSecondsAreDroppedAndCounted()
    {
        await using var store = await SqliteAsync();
        await using var writer = new StoreWriter(store, new StoreWriterOptions { RollupQueue = 100 });

        for (var s = 0; s < 150; s++)
        {
            writer.OnTargetSecond(new TargetSecond(StoreSamples.T0.ToUnixTimeSeconds() + s, Victim, 0, 1, 60, 0, 1, 0, 0, 0, 0, 0, 0));
        }

        await writer.FlushAsync(Ct);

        Assert.Equal(50, writer.Metrics.DroppedRollups);
        var traffic = await store.GetHostTrafficAsync("198.51.100.7", StoreSamples.T0, StoreSamples.T0.AddHours(1), TimeSpan.FromHours(1), Ct);
        Assert.Equal(100, Assert.Single(traffic).Packets);
    }

    [Fact]
    public async Task StoreFailing_FailuresCounted_RowsKeptAndWrittenOnRecovery()
    {
        var failing = new BlockingStore(await SqliteAsync()) { Fail = true };
        await using var writer = new StoreWriter(failing);
        writer.OnStarted(StoreSamples.Incident("f1"));
        writer.OnTargetSecond(new TargetSecond(StoreSamples.T0.ToUnixTimeSeconds(), Victim, 0, 10, 600, 0, 10, 0, 0, 0, 0, 0, 0));

        await Assert.ThrowsAsync<IOException>(() => writer.FlushAsync(Ct));
        await Assert.ThrowsAsync<IOException>(() => writer.FlushAsync(Ct));
        Assert.Equal(2, writer.Metrics.Failures);
        Assert.True(writer.PendingRows >= 2);

        failing.Fail = false;
        await writer.FlushAsync(Ct);

        Assert.Equal(0, writer.PendingRows);
        Assert.Equal(["detected"], (await failing.GetStateChangesAsync("f1", Ct)).Select(s => s.State));
        Assert.Single(await failing.GetHostTrafficAsync("198.51.100.7", StoreSamples.T0, StoreSamples.T0.AddMinutes(1), TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task PostgresDown_FlushFailsFastAndIsCounted()
    {
        // Nothing listens on this port: like a PostgreSQL that went away.
        await using var store = new PostgresIncidentStore($"Host=127.0.0.1;Port={PostgresCluster.FreeTcpPort()};Username=postgres;Timeout=2");
        await using var writer = new StoreWriter(store);
        writer.OnStarted(StoreSamples.Incident("p1"));

        await Assert.ThrowsAnyAsync<Exception>(() => writer.FlushAsync(Ct));

        Assert.Equal(1, writer.Metrics.Failures);
        Assert.True(writer.PendingRows > 0);
    }

    private async Task<IIncidentStore> SqliteAsync()
    {
        var store = new SqliteIncidentStore(_dir.File($"{Guid.NewGuid():N}.db"));
        await store.MigrateAsync(Ct);
        return store;
    }

    private static TrafficRecord Record(long nanos, NetAddress destination, byte protocol, TcpFlags flags, uint source) => new()
    {
        TimestampNanos = nanos,
        Source = NetAddress.FromV4(0x0A000000u + source),
        Destination = destination,
        Protocol = protocol,
        TcpFlags = flags,
        SourcePort = 40000,
        DestinationPort = 80,
        Packets = 1,
        Bytes = 60,
        FrameLength = 60,
        SamplingRate = 1,
        Ttl = 64,
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
