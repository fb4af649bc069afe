using System.Data.Common;
using Breakwater.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Breakwater.Storage.Sqlite;

/// <summary>
/// The default store: one SQLite file in WAL mode. WAL with <c>synchronous=NORMAL</c> keeps every committed batch when the
/// process is killed (only a power cut can lose the last commits); readers never wait for the writer.
/// </summary>
public sealed class SqliteIncidentStore : SqlIncidentStore
{
    private readonly string _connectionString;

    public SqliteIncidentStore(string path)
        : base(SqlDialect.Sqlite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file (absolute).</summary>
    public string Path { get; }

    public override string Location => Path;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, kept by every later connection.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync()
    {
        // Closes pooled handles so that the file can be moved or deleted (tests, backups) once the daemon is done with it.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return base.DisposeAsync();
    }
}
