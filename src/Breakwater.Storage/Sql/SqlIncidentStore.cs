using System.Collections.Concurrent;
using System.Data.Common;
using Breakwater.Storage.Migrations;

namespace Breakwater.Storage.Sql;

/// <summary>
/// <see cref="IIncidentStore"/> over ADO.NET, shared by SQLite and PostgreSQL: the SQL is one text with the few
/// differences in <see cref="SqlDialect"/>. Each call opens a pooled connection; writes run in one transaction.
/// </summary>
public abstract partial class SqlIncidentStore : IIncidentStore
{
    /// <summary>Host ids already known to be committed (the rollups' address → id).</summary>
    private readonly ConcurrentDictionary<string, long> _hostIds = new(StringComparer.Ordinal);

    protected SqlIncidentStore(SqlDialect dialect)
    {
        Dialect = dialect;
    }

    public SqlDialect Dialect { get; }

    public string Kind => Dialect.Name;

    public abstract string Location { get; }

    /// <summary>Opens a connection ready for use (pragmas set).</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Called once before the first migration (SQLite switches to WAL there).</summary>
    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await PrepareAsync(connection, cancellationToken);
        // Under the migration lock: two daemons racing on CREATE TABLE IF NOT EXISTS collide in PostgreSQL's catalog.
        await using (var setup = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (Dialect.LockMigrations is { } setupLock)
            {
                await using var lockCommand = DbCommands.Create(connection, setup, setupLock);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var create = DbCommands.Create(connection, setup, Dialect.MigrationsTable))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await setup.CommitAsync(cancellationToken);
        }

        var version = await CurrentVersionAsync(connection, null, cancellationToken);
        if (version > MigrationList.Latest)
        {
            throw new StoreException(
                $"The store at {Location} has schema version {version}, newer than this build's {MigrationList.Latest}: "
                + "it was written by a newer Breakwater. Run that version, or restore a backup made before the upgrade.");
        }

        foreach (var migration in MigrationList.All)
        {
            if (migration.Version <= version)
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (Dialect.LockMigrations is { } lockSql)
            {
                await using var lockCommand = DbCommands.Create(connection, transaction, lockSql);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);

                // Another process may have migrated while this one waited for the lock.
                if (await CurrentVersionAsync(connection, transaction, cancellationToken) >= migration.Version)
                {
                    await transaction.CommitAsync(cancellationToken);
                    continue;
                }
            }

            await using (var apply = DbCommands.Create(connection, transaction, Dialect.MigrationSql(migration)))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = DbCommands.Create(connection, transaction,
                "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (@version, @name, @applied)"))
            {
                record.AddLong("@version", migration.Version);
                record.AddText("@name", migration.Name);
                record.AddLong("@applied", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return await CurrentVersionAsync(connection, null, cancellationToken);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
