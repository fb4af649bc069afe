using Breakwater.IntegrationTests.Support;
using Breakwater.Storage;
using Breakwater.Storage.Postgres;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>The outage tables on a real PostgreSQL (a database per test, from the suite's shared cluster).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutageStoreTests(PostgresCluster cluster) : OutageStoreContractTests
{
    protected override async Task<IIncidentStore> CreateStoreAsync()
    {
        var store = new PostgresIncidentStore(await cluster.CreateDatabaseAsync());
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }
}
