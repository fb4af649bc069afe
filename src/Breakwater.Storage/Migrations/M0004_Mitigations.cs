namespace Breakwater.Storage.Migrations;

/// <summary>
/// Mitigations and their audit trail. A mitigation row keeps the fields the daemon reconciles on (state, expiry) as
/// columns and the whole record as a JSON document; every announce, withdraw, approval and refusal adds an audit row
/// (who, when, why, which incident). Number 4: 3 is the outages' migration of the same release.
/// </summary>
internal static class M0004_Mitigations
{
    public static Migration Migration { get; } = new(4, "mitigations",
        Sqlite: """
            CREATE TABLE mitigations (
                id TEXT NOT NULL PRIMARY KEY,
                incident_id TEXT NOT NULL,
                state TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                expires_ms INTEGER NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX mitigations_by_state ON mitigations (state);
            CREATE INDEX mitigations_by_incident ON mitigations (incident_id);
            CREATE TABLE mitigation_audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                mitigation_id TEXT NOT NULL,
                incident_id TEXT NOT NULL,
                time_ms INTEGER NOT NULL,
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                reason TEXT NOT NULL
            );
            CREATE INDEX mitigation_audit_by_mitigation ON mitigation_audit (mitigation_id, seq);
            """,
        Postgres: """
            CREATE TABLE mitigations (
                id TEXT NOT NULL PRIMARY KEY,
                incident_id TEXT NOT NULL,
                state TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                expires_ms BIGINT NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX mitigations_by_state ON mitigations (state);
            CREATE INDEX mitigations_by_incident ON mitigations (incident_id);
            CREATE TABLE mitigation_audit (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                mitigation_id TEXT NOT NULL,
                incident_id TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                reason TEXT NOT NULL
            );
            CREATE INDEX mitigation_audit_by_mitigation ON mitigation_audit (mitigation_id, seq);
            """);
}
