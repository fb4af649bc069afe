namespace Breakwater.Configuration;

/// <summary>
/// The <c>storage</c> section: SQLite (<c>sqlite.path</c>, by default <c>breakwater.db</c> beside the config file) or
/// PostgreSQL (<c>postgres.connection</c>), how long rollups and timelines are kept, how often the writer flushes.
/// </summary>
public sealed record StorageSettings
{
    public static readonly TimeSpan DefaultRollupRetention = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultTimelineRetention = TimeSpan.FromDays(90);
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>Longest flush interval: a crash loses at most this much of an incident's timeline.</summary>
    public static readonly TimeSpan MaxFlushInterval = TimeSpan.FromSeconds(2);

    /// <summary>The SQLite file (absolute), or null with PostgreSQL.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>The Npgsql connection string, or null with SQLite. A secret: show it only through <see cref="ToString"/>.</summary>
    public string? PostgresConnection { get; init; }

    /// <summary><c>retention.rollups</c>: minute rollups older than this are deleted (hourly).</summary>
    public TimeSpan RollupRetention { get; init; } = DefaultRollupRetention;

    /// <summary><c>retention.timeline</c>: per-second incident timelines older than this are deleted; incidents are kept.</summary>
    public TimeSpan TimelineRetention { get; init; } = DefaultTimelineRetention;

    /// <summary><c>flush_interval</c>: how often queued writes are committed (at most <see cref="MaxFlushInterval"/>).</summary>
    public TimeSpan FlushInterval { get; init; } = DefaultFlushInterval;

    public bool IsPostgres => PostgresConnection is not null;

    /// <summary>SQLite in a file: the default when the configuration has no <c>storage</c> section.</summary>
    public static StorageSettings Sqlite(string path) => new() { SqlitePath = path };

    /// <summary>Where the store is, with the connection string's password and other secrets left out.</summary>
    public override string ToString() =>
        IsPostgres ? $"postgres ({RedactConnection(PostgresConnection!)})" : $"sqlite ({SqlitePath})";

    /// <summary>A connection string with the values of password-like keys replaced by <c>[redacted]</c>.</summary>
    public static string RedactConnection(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parts = connection.Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = parts[i][..equals].Trim().Replace(" ", "", StringComparison.Ordinal);
            if (key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase)
                || key.Contains("passfile", StringComparison.OrdinalIgnoreCase) || key.Contains("sslkey", StringComparison.OrdinalIgnoreCase)
                || key.Contains("sslpassword", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = parts[i][..(equals + 1)] + "[redacted]";
            }
        }

        return string.Join(';', parts);
    }
}
