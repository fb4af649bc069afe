using Breakwater.IntegrationTests.Support;
using Breakwater.Storage;
using Breakwater.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>The store contract on SQLite (a file per test), plus what only SQLite has.</summary>
public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private int _stores;

    protected override async Task<IIncidentStore> CreateStoreAsync()
    {
        var store = new SqliteIncidentStore(_dir.File($"store{_stores++}.db"));
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    [Fact]
    public async Task Migrate_StoreFromANewerBuild_RefusesWithAnExplanation()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _dir.File("newer.db");
        await using (var store = new SqliteIncidentStore(path))
        {
            await store.MigrateAsync(ct);
        }

        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (999, 'future', 0)";
            await command.ExecuteNonQueryAsync(ct);
        }

        await using var again = new SqliteIncidentStore(path);
        var error = await Assert.ThrowsAsync<StoreException>(() => again.MigrateAsync(ct));
        Assert.Contains("schema version 999", error.Message);
        Assert.Contains("newer Breakwater", error.Message);
    }

    [Fact]
    public async Task Open_MissingDirectory_IsCreatedAndTheFileUsesWal()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _dir.File("sub/dir/store.db");
        await using (var store = new SqliteIncidentStore(path))
        {
            await store.MigrateAsync(ct);
        }

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
