using Breakwater.Core;
using Breakwater.Storage;
using Breakwater.Storage.Migrations;
using static Breakwater.IntegrationTests.Storage.StoreSamples;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>
/// What the API and the daemon rely on, run against SQLite (<see cref="SqliteStoreTests"/>) and a real PostgreSQL
/// (<see cref="PostgresStoreTests"/>): every analysis-document field survives, paging visits each incident once,
/// filters, timeline, acknowledgements, notes, rollups and retention.
/// </summary>
public abstract class StoreContractTests
{
    /// <summary>A new, empty, migrated store for one test.</summary>
    protected abstract Task<IIncidentStore> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_TwiceOnOneStore_AppliesEveryMigrationOnce()
    {
        await using var store = await CreateStoreAsync();

        Assert.Equal(MigrationList.Latest, await store.MigrateAsync(Ct));
        Assert.Equal(MigrationList.Latest, await store.MigrateAsync(Ct));
    }

    [Fact]
    public async Task Write_StartedThenEnded_ReadBackHasEveryAnalysisDocumentField()
    {
        await using var store = await CreateStoreAsync();
        var started = Incident("a1");
        var ended = Incident("a1", status: "ended");

        var batch = new StoreBatch();
        batch.Incidents.Add(new IncidentWrite(started, IncidentChange.Started, T0.AddSeconds(2), T0.AddSeconds(1).ToUnixTimeSeconds()));
        await store.WriteAsync(batch, Ct);
        batch.Clear();
        batch.Incidents.Add(new IncidentWrite(ended, IncidentChange.Ended, T0.AddMinutes(4)));
        await store.WriteAsync(batch, Ct);

        var stored = await store.GetIncidentAsync("a1", Ct);
        Assert.NotNull(stored);
        Assert.Equal(AnalysisJson.Serialize(ended), AnalysisJson.Serialize(stored.Incident));
        Assert.Equal(T0.AddSeconds(1), stored.LastSecond); // an ended write without a second keeps the last one
        var states = await store.GetStateChangesAsync("a1", Ct);
        Assert.Equal(["detected", "ended"], states.Select(s => s.State));
        Assert.Equal("syn pps 40000 > 4000", states[0].Detail);
        Assert.Null(await store.GetIncidentAsync("nope", Ct));
    }

    [Fact]
    public async Task ListIncidents_PagesOf40Over250_VisitEachOnceNewestFirst()
    {
        await using var store = await CreateStoreAsync();
        var batch = new StoreBatch();
        for (var i = 0; i < 250; i++)
        {
            // Pairs share a start second: the id breaks the tie, so no incident is skipped or repeated at a page edge.
            batch.Incidents.Add(new IncidentWrite(Incident($"i{i:D3}", start: T0.AddSeconds(i / 2)), IncidentChange.Started, T0));
        }

        await store.WriteAsync(batch, Ct);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListIncidentsAsync(new IncidentQuery { Limit = 40, Cursor = cursor }, Ct);
            seen.AddRange(page.Items.Select(i => i.Incident.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(7, pages);
        var expected = Enumerable.Range(0, 250).Select(i => (Start: i / 2, Id: $"i{i:D3}"))
            .OrderByDescending(x => x.Start).ThenByDescending(x => x.Id, StringComparer.Ordinal).Select(x => x.Id);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task ListIncidents_Filters_StatusTargetAndSince()
    {
        await using var store = await CreateStoreAsync();
        var batch = new StoreBatch();
        batch.Incidents.Add(new IncidentWrite(Incident("old", status: "ended", start: T0.AddHours(-2)), IncidentChange.Ended, T0));
        batch.Incidents.Add(new IncidentWrite(Incident("open", target: "198.51.100.9", start: T0.AddHours(-3)), IncidentChange.Started, T0));
        batch.Incidents.Add(new IncidentWrite(Incident("recent", status: "ended", start: T0), IncidentChange.Ended, T0));
        await store.WriteAsync(batch, Ct);

        async Task<string[]> Ids(IncidentQuery q) => [.. (await store.ListIncidentsAsync(q, Ct)).Items.Select(i => i.Incident.Id)];

        Assert.Equal(["open"], await Ids(new IncidentQuery { Status = "detected" }));
        Assert.Equal(["open"], await Ids(new IncidentQuery { Status = "open" }));
        Assert.Equal(["recent", "old"], await Ids(new IncidentQuery { Status = "ended" }));
        Assert.Equal(["open"], await Ids(new IncidentQuery { Target = "198.51.100.9" }));

        // Active since an hour ago: the one ended before then is left out, the one still open stays in.
        Assert.Equal(["recent", "open"], await Ids(new IncidentQuery { Since = T0.AddHours(-1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListIncidentsAsync(new IncidentQuery { Cursor = "not-a-cursor!" }, Ct));
    }

    [Fact]
    public async Task Timeline_RowsPerSecondAndVector_ReadBackInOrderAndRewritable()
    {
        await using var store = await CreateStoreAsync();
        var batch = new StoreBatch();
        batch.Incidents.Add(new IncidentWrite(Incident("t1"), IncidentChange.Started, T0));
        var s = T0.ToUnixTimeSeconds();
        batch.Timeline.Add(new TimelineRow("t1", s + 1, "udp_flood", 10, 1000));
        batch.Timeline.Add(new TimelineRow("t1", s, "syn_flood", 5000, 300000));
        batch.Timeline.Add(new TimelineRow("t1", s + 1, "syn_flood", 6000, 360000));
        await store.WriteAsync(batch, Ct);
        batch.Clear();
        batch.Timeline.Add(new TimelineRow("t1", s + 1, "udp_flood", 12, 1200));
        await store.WriteAsync(batch, Ct);

        var timeline = await store.GetTimelineAsync("t1", Ct);

        Assert.Equal(
            [(T0, "syn_flood", 5000L), (T0.AddSeconds(1), "syn_flood", 6000L), (T0.AddSeconds(1), "udp_flood", 12L)],
            timeline.Select(p => (p.Second, p.Vector, p.Packets)));
    }

    [Fact]
    public async Task Acknowledge_FirstAckKept_StateRecorded_UnknownIdNull()
    {
        await using var store = await CreateStoreAsync();
        var batch = new StoreBatch();
        batch.Incidents.Add(new IncidentWrite(Incident("k1"), IncidentChange.Started, T0));
        await store.WriteAsync(batch, Ct);

        Assert.False(await store.IsAcknowledgedAsync("k1", Ct));
        var first = await store.AcknowledgeAsync("k1", "ops", T0.AddMinutes(1), Ct);
        var second = await store.AcknowledgeAsync("k1", "noc", T0.AddMinutes(2), Ct);

        Assert.Equal(new Acknowledgement(T0.AddMinutes(1), "ops"), first);
        Assert.Equal(first, second);
        Assert.True(await store.IsAcknowledgedAsync("k1", Ct));
        Assert.Null(await store.AcknowledgeAsync("missing", "ops", T0, Ct));

        // A later snapshot from the daemon does not undo the acknowledgement.
        batch.Clear();
        batch.Incidents.Add(new IncidentWrite(Incident("k1"), IncidentChange.Updated, T0.AddMinutes(3)));
        await store.WriteAsync(batch, Ct);
        Assert.Equal(first, (await store.GetIncidentAsync("k1", Ct))!.Acknowledgement);
        Assert.Equal(["detected", "acknowledged"], (await store.GetStateChangesAsync("k1", Ct)).Select(s => s.State));
    }

    [Fact]
    public async Task Notes_AddedInOrder_ShownWithTheIncident()
    {
        await using var store = await CreateStoreAsync();
        var batch = new StoreBatch();
        batch.Incidents.Add(new IncidentWrite(Incident("n1"), IncidentChange.Started, T0));
        await store.WriteAsync(batch, Ct);

        await store.AddNoteAsync("n1", "ops", "upstream informed", T0.AddMinutes(1), Ct);
        await store.AddNoteAsync("n1", "noc", "ticket 4711 — ünïcode ok", T0.AddMinutes(2), Ct);

        var notes = (await store.GetIncidentAsync("n1", Ct))!.Notes;
        Assert.Equal(["upstream informed", "ticket 4711 — ünïcode ok"], notes.Select(n => n.Text));
        Assert.Equal(["ops", "noc"], notes.Select(n => n.Author));
        Assert.Equal(T0.AddMinutes(1), notes[0].Time);
        Assert.Null(await store.AddNoteAsync("missing", "ops", "x", T0, Ct));
    }

    [Fact]
    public async Task Rollups_PartialMinutesAddUp_TrafficInStepsAndTopHosts()
    {
        await using var store = await CreateStoreAsync();
        var m = T0.ToUnixTimeSeconds();
        var syn = new TrafficClasses(Tcp: 600, 0, 0, Syn: 600, 0, 0, 0, 0);
        var batch = new StoreBatch();
        batch.Rollups.Add(new TrafficRollup("198.51.100.7", m, 600, 36000, 100, 48000, syn));
        await store.WriteAsync(batch, Ct);
        batch.Clear();
        batch.Rollups.Add(new TrafficRollup("198.51.100.7", m, 600, 36000, 150, 72000, syn)); // the rest of the same minute
        batch.Rollups.Add(new TrafficRollup("198.51.100.7", m + 60, 1200, 72000, 20, 9600, syn));
        batch.Rollups.Add(new TrafficRollup("198.51.100.7", m + 300, 60, 3600, 1, 480, default));
        batch.Rollups.Add(new TrafficRollup("2001:db8::1", m, 60, 6000, 1, 800, default));
        await store.WriteAsync(batch, Ct);

        var fiveMinutes = await store.GetHostTrafficAsync("198.51.100.7", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(5), Ct);
        Assert.Equal(2, fiveMinutes.Count);
        Assert.Equal(T0, fiveMinutes[0].Time);
        Assert.Equal(2400, fiveMinutes[0].Packets);
        Assert.Equal(2400 / 300.0, fiveMinutes[0].AveragePps);
        Assert.Equal(150, fiveMinutes[0].PeakPps);
        Assert.Equal(1800, fiveMinutes[0].Classes.Syn);
        Assert.Equal(T0.AddMinutes(5), fiveMinutes[1].Time);

        var minutes = await store.GetHostTrafficAsync("198.51.100.7", T0, T0.AddMinutes(2), TimeSpan.FromMinutes(1), Ct);
        Assert.Equal([1200L, 1200L], minutes.Select(p => p.Packets));
        Assert.Equal(72000, minutes[0].Bytes);

        var top = await store.GetTopHostsAsync(T0, T0.AddMinutes(10), 10, Ct);
        Assert.Equal(["198.51.100.7", "2001:db8::1"], top.Select(h => h.Address));
        Assert.Equal(2460, top[0].Packets);
        Assert.Equal(150, top[0].PeakPps);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            store.GetHostTrafficAsync("198.51.100.7", T0, T0.AddMinutes(10), TimeSpan.FromSeconds(90), Ct));
    }

    [Fact]
    public async Task DeleteExpired_RemovesOldRollupsAndTimeline_KeepsIncidentsAndRecentRows()
    {
        await using var store = await CreateStoreAsync();
        var batch = new StoreBatch();
        batch.Incidents.Add(new IncidentWrite(Incident("r1", status: "ended"), IncidentChange.Ended, T0));
        batch.Timeline.Add(new TimelineRow("r1", T0.ToUnixTimeSeconds(), "syn_flood", 1, 60));
        batch.Rollups.Add(new TrafficRollup("198.51.100.7", T0.ToUnixTimeSeconds(), 1, 60, 1, 480, default));
        batch.Rollups.Add(new TrafficRollup("198.51.100.7", T0.AddDays(8).ToUnixTimeSeconds(), 2, 120, 1, 480, default));
        await store.WriteAsync(batch, Ct);

        var deleted = await store.DeleteExpiredAsync(T0.AddDays(1), T0.AddDays(1), Ct);

        Assert.Equal(2, deleted);
        Assert.Empty(await store.GetTimelineAsync("r1", Ct));
        Assert.NotNull(await store.GetIncidentAsync("r1", Ct));
        Assert.Equal([2L], (await store.GetHostTrafficAsync("198.51.100.7", T0, T0.AddDays(9), TimeSpan.FromDays(1), Ct)).Select(p => p.Packets));
    }

    [Fact]
    public async Task GetOpenIncidents_ReturnsOnlyNotEnded_WithTheirLastSecond()
    {
        await using var store = await CreateStoreAsync();
        var batch = new StoreBatch();
        batch.Incidents.Add(new IncidentWrite(Incident("o1"), IncidentChange.Started, T0, T0.AddSeconds(41).ToUnixTimeSeconds()));
        batch.Incidents.Add(new IncidentWrite(Incident("o2", status: "ended"), IncidentChange.Ended, T0, T0.AddSeconds(9).ToUnixTimeSeconds()));
        await store.WriteAsync(batch, Ct);

        var open = await store.GetOpenIncidentsAsync(Ct);

        var only = Assert.Single(open);
        Assert.Equal("o1", only.Incident.Id);
        Assert.Equal(T0.AddSeconds(41), only.LastSecond);
        Assert.Equal(1, await store.CountIncidentsAsync(Ct) - 1);
    }
}
