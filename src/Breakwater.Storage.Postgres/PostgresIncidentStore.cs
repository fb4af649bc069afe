using System.Data.Common;
using Breakwater.Storage.Sql;
using Npgsql;

namespace Breakwater.Storage.Postgres;

/// <summary>The PostgreSQL store (<c>storage.postgres.connection</c>): same schema and SQL as SQLite, through Npgsql's pool.</summary>
public sealed class PostgresIncidentStore : SqlIncidentStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresIncidentStore(string connectionString)
        : base(SqlDialect.Postgres)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.ApplicationName is null)
        {
            builder.ApplicationName = "breakwater";
        }

        // A down server must fail a flush in seconds, not hang the writer: the batch is kept and retried.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = 5;
        }

        Location = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Location { get; }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
