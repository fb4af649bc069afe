using Breakwater.IntegrationTests.Support;
using Breakwater.Storage;
using Breakwater.Storage.Sqlite;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>The outage tables on SQLite (a file per test).</summary>
public sealed class SqliteOutageStoreTests : OutageStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private int _stores;

    protected override async Task<IIncidentStore> CreateStoreAsync()
    {
        var store = new SqliteIncidentStore(_dir.File($"outages{_stores++}.db"));
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    public void Dispose() => _dir.Dispose();
}
