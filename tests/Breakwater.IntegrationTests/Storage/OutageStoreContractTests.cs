using Breakwater.Storage;
using Breakwater.Storage.Outages;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>
/// Outside-in monitoring's tables (migration 3), run against SQLite and a real PostgreSQL: report counts add up per
/// minute and category, a wave written again replaces its stored copy, probe state changes come back in order, and
/// retention drops old counts and changes but keeps waves.
/// </summary>
public abstract class OutageStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 47, 0, TimeSpan.Zero);

    /// <summary>A new, empty, migrated store for one test.</summary>
    protected abstract Task<IIncidentStore> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteOutages_TwoBatches_ReportCountsAddUpPerMinuteAndCategory()
    {
        await using var store = await CreateStoreAsync();
        var outages = (IOutageStore)store;

        await outages.WriteOutagesAsync(new OutageBatch { Reports = [new(T0, "app", 5), new(T0, "website", 2), new(T0.AddMinutes(1), "app", 1)] }, Ct);
        await outages.WriteOutagesAsync(new OutageBatch { Reports = [new(T0.AddSeconds(30), "app", 3)] }, Ct);

        var counts = await outages.GetReportCountsAsync(T0, Ct);
        Assert.Equal(
            [(T0, "app", 8L), (T0, "website", 2L), (T0.AddMinutes(1), "app", 1L)],
            counts.Select(c => (c.Minute, c.Category, c.Count)));
        Assert.Single(await outages.GetReportCountsAsync(T0.AddMinutes(1), Ct));
    }

    [Fact]
    public async Task WriteOutages_WaveWrittenOngoingThenEnded_OneRowWithTheEndedCopy()
    {
        await using var store = await CreateStoreAsync();
        var outages = (IOutageStore)store;
        var id = "reports_1m-20250310T0947Z";

        await outages.WriteOutagesAsync(new OutageBatch { Waves = [new(id, "reports_1m", T0, T0.AddMinutes(5), true, "{\"ongoing\":true}")] }, Ct);
        await outages.WriteOutagesAsync(new OutageBatch { Waves = [new(id, "reports_1m", T0, T0.AddMinutes(42), false, "{\"ongoing\":false}")] }, Ct);

        var wave = Assert.Single(await outages.GetWavesAsync(T0.AddDays(-1), Ct));
        Assert.Equal((id, T0, T0.AddMinutes(42), false, "{\"ongoing\":false}"), (wave.Id, wave.Start, wave.End, wave.Ongoing, wave.Document));
        Assert.Empty(await outages.GetWavesAsync(T0.AddHours(1), Ct));
    }

    [Fact]
    public async Task GetWaves_AnOngoingWave_IsReturnedWhateverItsEnd()
    {
        await using var store = await CreateStoreAsync();
        var outages = (IOutageStore)store;

        await outages.WriteOutagesAsync(new OutageBatch { Waves = [new("w", "reports_15m", T0, T0.AddMinutes(15), true, "{}")] }, Ct);

        Assert.Single(await outages.GetWavesAsync(T0.AddHours(6), Ct));
    }

    [Fact]
    public async Task WriteOutages_ProbeStates_ComeBackInTimeOrderWithTheirDocuments()
    {
        await using var store = await CreateStoreAsync();
        var outages = (IOutageStore)store;

        await outages.WriteOutagesAsync(new OutageBatch
        {
            ProbeStates = [new("web", T0.AddSeconds(20), "down", "{\"n\":2}"), new("web", T0, "degraded", "{\"n\":1}"), new("dns", T0.AddSeconds(20), "up", "{\"n\":3}")],
        }, Ct);

        var states = await outages.GetProbeStatesAsync(T0, Ct);
        Assert.Equal([("web", "degraded", "{\"n\":1}"), ("web", "down", "{\"n\":2}"), ("dns", "up", "{\"n\":3}")], states.Select(s => (s.Probe, s.State, s.Document)));
        Assert.Equal(2, (await outages.GetProbeStatesAsync(T0.AddSeconds(1), Ct)).Count);
    }

    [Fact]
    public async Task DeleteExpiredOutages_DropsOldCountsAndProbeStates_KeepsWaves()
    {
        await using var store = await CreateStoreAsync();
        var outages = (IOutageStore)store;
        await outages.WriteOutagesAsync(new OutageBatch
        {
            Reports = [new(T0.AddDays(-100), "app", 1), new(T0, "app", 1)],
            Waves = [new("old", "reports_1m", T0.AddDays(-100), T0.AddDays(-100).AddMinutes(30), false, "{}")],
            ProbeStates = [new("web", T0.AddDays(-100), "down", "{}"), new("web", T0, "up", "{}")],
        }, Ct);

        var deleted = await outages.DeleteExpiredOutagesAsync(T0.AddDays(-90), Ct);

        Assert.Equal(2, deleted);
        Assert.Single(await outages.GetReportCountsAsync(T0.AddYears(-1), Ct));
        Assert.Single(await outages.GetProbeStatesAsync(T0.AddYears(-1), Ct));
        Assert.Single(await outages.GetWavesAsync(T0.AddYears(-1), Ct));
    }
}
