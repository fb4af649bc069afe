namespace Breakwater.Storage.Migrations;

/// <summary>Incidents (analysis-document JSON plus the columns the API filters and sorts on), timeline, states, notes.</summary>
internal static class M0001_Incidents
{
    // Times are Unix milliseconds (seconds where the name says so): one integer type in both dialects, no time zones.
    public static Migration Migration { get; } = new(1, "incidents",
        Sqlite: """
            CREATE TABLE incidents (
                id TEXT NOT NULL PRIMARY KEY,
                target TEXT NOT NULL,
                direction TEXT NOT NULL,
                status TEXT NOT NULL,
                start_ms INTEGER NOT NULL,
                end_ms INTEGER,
                detected_ms INTEGER NOT NULL,
                peak_pps REAL NOT NULL,
                peak_bps REAL NOT NULL,
                packets INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                last_second INTEGER,
                updated_ms INTEGER NOT NULL,
                acknowledged_ms INTEGER,
                acknowledged_by TEXT,
                document TEXT NOT NULL
            );
            CREATE INDEX incidents_by_start ON incidents (start_ms DESC, id DESC);
            CREATE INDEX incidents_by_target ON incidents (target, start_ms DESC);
            CREATE INDEX incidents_open ON incidents (status) WHERE status <> 'ended';
            CREATE TABLE incident_timeline (
                incident_id TEXT NOT NULL,
                second INTEGER NOT NULL,
                vector TEXT NOT NULL,
                packets INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                PRIMARY KEY (incident_id, second, vector)
            ) WITHOUT ROWID;
            CREATE INDEX incident_timeline_by_second ON incident_timeline (second);
            CREATE TABLE incident_states (
                id INTEGER PRIMARY KEY,
                incident_id TEXT NOT NULL,
                time_ms INTEGER NOT NULL,
                state TEXT NOT NULL,
                detail TEXT
            );
            CREATE INDEX incident_states_by_incident ON incident_states (incident_id, id);
            CREATE TABLE incident_notes (
                id INTEGER PRIMARY KEY,
                incident_id TEXT NOT NULL,
                time_ms INTEGER NOT NULL,
                author TEXT NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX incident_notes_by_incident ON incident_notes (incident_id, id);
            """,
        Postgres: """
            CREATE TABLE incidents (
                id TEXT NOT NULL PRIMARY KEY,
                target TEXT NOT NULL,
                direction TEXT NOT NULL,
                status TEXT NOT NULL,
                start_ms BIGINT NOT NULL,
                end_ms BIGINT,
                detected_ms BIGINT NOT NULL,
                peak_pps DOUBLE PRECISION NOT NULL,
                peak_bps DOUBLE PRECISION NOT NULL,
                packets BIGINT NOT NULL,
                bytes BIGINT NOT NULL,
                last_second BIGINT,
                updated_ms BIGINT NOT NULL,
                acknowledged_ms BIGINT,
                acknowledged_by TEXT,
                document TEXT NOT NULL
            );
            CREATE INDEX incidents_by_start ON incidents (start_ms DESC, id DESC);
            CREATE INDEX incidents_by_target ON incidents (target, start_ms DESC);
            CREATE INDEX incidents_open ON incidents (status) WHERE status <> 'ended';
            CREATE TABLE incident_timeline (
                incident_id TEXT NOT NULL,
                second BIGINT NOT NULL,
                vector TEXT NOT NULL,
                packets BIGINT NOT NULL,
                bytes BIGINT NOT NULL,
                PRIMARY KEY (incident_id, second, vector)
            );
            CREATE INDEX incident_timeline_by_second ON incident_timeline (second);
            CREATE TABLE incident_states (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                incident_id TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                state TEXT NOT NULL,
                detail TEXT
            );
            CREATE INDEX incident_states_by_incident ON incident_states (incident_id, id);
            CREATE TABLE incident_notes (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                incident_id TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                author TEXT NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX incident_notes_by_incident ON incident_notes (incident_id, id);
            """);
}
