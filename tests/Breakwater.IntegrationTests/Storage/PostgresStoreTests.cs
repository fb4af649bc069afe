using Breakwater.IntegrationTests.Support;
using Breakwater.Storage;
using Breakwater.Storage.Postgres;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>The store contract on a real PostgreSQL 15 (a database per test), plus concurrent start-ups.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresCluster cluster) : StoreContractTests
{
    protected override async Task<IIncidentStore> CreateStoreAsync()
    {
        var store = new PostgresIncidentStore(await cluster.CreateDatabaseAsync());
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    [Fact]
    public async Task Migrate_TwoDaemonsStartingAtOnce_BothEndOnTheLatestSchema()
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = await cluster.CreateDatabaseAsync();
        await using var a = new PostgresIncidentStore(connection);
        await using var b = new PostgresIncidentStore(connection);

        var versions = await Task.WhenAll(a.MigrateAsync(ct), b.MigrateAsync(ct));

        Assert.Equal([Breakwater.Storage.Migrations.MigrationList.Latest, Breakwater.Storage.Migrations.MigrationList.Latest], versions);
    }

    [Fact]
    public void Location_NeverShowsThePassword()
    {
        var store = new PostgresIncidentStore("Host=db.example;Port=5433;Database=bw;Username=bw;Password=hunter2-secret");

        Assert.Equal("db.example:5433/bw", store.Location);
    }
}
