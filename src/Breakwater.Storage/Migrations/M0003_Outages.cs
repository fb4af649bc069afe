namespace Breakwater.Storage.Migrations;

/// <summary>
/// Outside-in monitoring: user reports as counts per minute and category (no reporter data, like the in-memory log),
/// outage waves (one row per wave id, replaced as the wave grows and ends), and probe state changes.
/// </summary>
internal static class M0003_Outages
{
    public static Migration Migration { get; } = new(3, "outages",
        Sqlite: """
            CREATE TABLE report_minutes (
                minute INTEGER NOT NULL,
                category TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (minute, category)
            ) WITHOUT ROWID;
            CREATE TABLE outage_waves (
                id TEXT NOT NULL PRIMARY KEY,
                signal TEXT NOT NULL,
                start_ms INTEGER NOT NULL,
                end_ms INTEGER NOT NULL,
                ongoing INTEGER NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX outage_waves_by_end ON outage_waves (end_ms);
            CREATE TABLE probe_states (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                probe TEXT NOT NULL,
                time_ms INTEGER NOT NULL,
                state TEXT NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX probe_states_by_time ON probe_states (time_ms);
            """,
        Postgres: """
            CREATE TABLE report_minutes (
                minute BIGINT NOT NULL,
                category TEXT NOT NULL,
                count BIGINT NOT NULL,
                PRIMARY KEY (minute, category)
            );
            CREATE TABLE outage_waves (
                id TEXT NOT NULL PRIMARY KEY,
                signal TEXT NOT NULL,
                start_ms BIGINT NOT NULL,
                end_ms BIGINT NOT NULL,
                ongoing BOOLEAN NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX outage_waves_by_end ON outage_waves (end_ms);
            CREATE TABLE probe_states (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                probe TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                state TEXT NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX probe_states_by_time ON probe_states (time_ms);
            """);
}
