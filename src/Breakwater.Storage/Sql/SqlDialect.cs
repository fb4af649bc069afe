namespace Breakwater.Storage.Sql;

/// <summary>The few places where SQLite and PostgreSQL SQL differ.</summary>
public sealed record SqlDialect
{
    public static SqlDialect Sqlite { get; } = new()
    {
        Name = "sqlite",
        Greatest = "max",
        MigrationsTable = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)",
        LockMigrations = null,
    };

    public static SqlDialect Postgres { get; } = new()
    {
        Name = "postgres",
        Greatest = "GREATEST",
        MigrationsTable = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)",

        // Two daemons starting on one database: the second waits for the first's migrations, then finds nothing to do.
        LockMigrations = "SELECT pg_advisory_xact_lock(7236345671)",
    };

    public required string Name { get; init; }

    /// <summary>Two-argument maximum: <c>max(a, b)</c> in SQLite, <c>GREATEST(a, b)</c> in PostgreSQL.</summary>
    public required string Greatest { get; init; }

    public required string MigrationsTable { get; init; }

    /// <summary>A statement run first in each migration transaction to keep concurrent starts apart, or null.</summary>
    public string? LockMigrations { get; init; }

    public string MigrationSql(Migrations.Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return Name == "postgres" ? migration.Postgres : migration.Sqlite;
    }
}
