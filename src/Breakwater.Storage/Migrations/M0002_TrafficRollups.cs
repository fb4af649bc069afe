namespace Breakwater.Storage.Migrations;

/// <summary>
/// Minute rollups of per-host traffic. Hosts get a small integer id so that a row is a few dozen bytes: at 10,000
/// hosts a day is 14.4 million rows, the store's largest table by far.
/// </summary>
internal static class M0002_TrafficRollups
{
    public static Migration Migration { get; } = new(2, "traffic_rollups",
        Sqlite: """
            CREATE TABLE hosts (
                id INTEGER PRIMARY KEY,
                address TEXT NOT NULL UNIQUE
            );
            CREATE TABLE traffic_minutes (
                host_id INTEGER NOT NULL,
                minute INTEGER NOT NULL,
                packets INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                peak_pps INTEGER NOT NULL,
                peak_bps INTEGER NOT NULL,
                tcp INTEGER NOT NULL,
                udp INTEGER NOT NULL,
                icmp INTEGER NOT NULL,
                syn INTEGER NOT NULL,
                ack INTEGER NOT NULL,
                rst INTEGER NOT NULL,
                fin INTEGER NOT NULL,
                fragment INTEGER NOT NULL,
                PRIMARY KEY (host_id, minute)
            ) WITHOUT ROWID;
            CREATE INDEX traffic_minutes_by_minute ON traffic_minutes (minute);
            """,
        Postgres: """
            CREATE TABLE hosts (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                address TEXT NOT NULL UNIQUE
            );
            CREATE TABLE traffic_minutes (
                host_id BIGINT NOT NULL,
                minute BIGINT NOT NULL,
                packets BIGINT NOT NULL,
                bytes BIGINT NOT NULL,
                peak_pps BIGINT NOT NULL,
                peak_bps BIGINT NOT NULL,
                tcp BIGINT NOT NULL,
                udp BIGINT NOT NULL,
                icmp BIGINT NOT NULL,
                syn BIGINT NOT NULL,
                ack BIGINT NOT NULL,
                rst BIGINT NOT NULL,
                fin BIGINT NOT NULL,
                fragment BIGINT NOT NULL,
                PRIMARY KEY (host_id, minute)
            );
            CREATE INDEX traffic_minutes_by_minute ON traffic_minutes (minute);
            """);
}
