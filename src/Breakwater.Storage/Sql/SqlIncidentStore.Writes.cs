using System.Data.Common;

namespace Breakwater.Storage.Sql;

/// <summary>Batched writes: one transaction per <see cref="StoreBatch"/>, one prepared command per table.</summary>
public abstract partial class SqlIncidentStore
{
    private const string UpsertIncidentSql = """
        INSERT INTO incidents (id, target, direction, status, start_ms, end_ms, detected_ms, peak_pps, peak_bps, packets, bytes,
                               last_second, updated_ms, document)
        VALUES (@id, @target, @direction, @status, @start, @end, @detected, @peak_pps, @peak_bps, @packets, @bytes,
                @last_second, @updated, @document)
        ON CONFLICT (id) DO UPDATE SET
            target = excluded.target, direction = excluded.direction, status = excluded.status, start_ms = excluded.start_ms,
            end_ms = excluded.end_ms, detected_ms = excluded.detected_ms, peak_pps = excluded.peak_pps, peak_bps = excluded.peak_bps,
            packets = excluded.packets, bytes = excluded.bytes, last_second = COALESCE(excluded.last_second, incidents.last_second),
            updated_ms = excluded.updated_ms, document = excluded.document
        """;

    private const string InsertStateSql =
        "INSERT INTO incident_states (incident_id, time_ms, state, detail) VALUES (@incident, @time, @state, @detail)";

    private const string UpsertTimelineSql = """
        INSERT INTO incident_timeline (incident_id, second, vector, packets, bytes) VALUES (@incident, @second, @vector, @packets, @bytes)
        ON CONFLICT (incident_id, second, vector) DO UPDATE SET packets = excluded.packets, bytes = excluded.bytes
        """;

    public async Task WriteAsync(StoreBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (batch.Incidents.Count > 0)
        {
            await WriteIncidentsAsync(connection, transaction, batch, cancellationToken);
        }

        if (batch.StateChanges.Count > 0)
        {
            await WriteStatesAsync(connection, transaction, batch.StateChanges, cancellationToken);
        }

        if (batch.Timeline.Count > 0)
        {
            await WriteTimelineAsync(connection, transaction, batch.Timeline, cancellationToken);
        }

        Dictionary<string, long>? newHosts = null;
        if (batch.Rollups.Count > 0)
        {
            newHosts = await WriteRollupsAsync(connection, transaction, batch.Rollups, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (newHosts is not null)
        {
            foreach (var (address, id) in newHosts)
            {
                _hostIds[address] = id;
            }
        }
    }

    private static async Task WriteIncidentsAsync(DbConnection connection, DbTransaction transaction, StoreBatch batch, CancellationToken cancellationToken)
    {
        await using var upsert = DbCommands.Create(connection, transaction, UpsertIncidentSql);
        var id = upsert.AddText("@id");
        var target = upsert.AddText("@target");
        var direction = upsert.AddText("@direction");
        var status = upsert.AddText("@status");
        var start = upsert.AddLong("@start");
        var end = upsert.AddLong("@end");
        var detected = upsert.AddLong("@detected");
        var peakPps = upsert.AddDouble("@peak_pps");
        var peakBps = upsert.AddDouble("@peak_bps");
        var packets = upsert.AddLong("@packets");
        var bytes = upsert.AddLong("@bytes");
        var lastSecond = upsert.AddLong("@last_second");
        var updated = upsert.AddLong("@updated");
        var document = upsert.AddText("@document");
        List<StateChange>? states = null;
        foreach (var write in batch.Incidents)
        {
            var incident = write.Incident;
            id.Set(incident.Id);
            target.Set(incident.Target);
            direction.Set(incident.Direction);
            status.Set(incident.Status);
            start.Set(DbCommands.Millis(incident.Start));
            end.Set(incident.End is { } e ? DbCommands.Millis(e) : null);
            detected.Set(DbCommands.Millis(incident.Detected));
            peakPps.Set(incident.PeakPps);
            peakBps.Set(incident.PeakBps);
            packets.Set(incident.Packets);
            bytes.Set(incident.Bytes);
            lastSecond.Set(write.LastSecond);
            updated.Set(DbCommands.Millis(write.Time));
            document.Set(IncidentDocument.Serialize(incident));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            var state = write.Change switch
            {
                IncidentChange.Started => "detected",
                IncidentChange.Ended => "ended",
                IncidentChange.Resumed => "resumed",
                _ => null,
            };
            if (state is not null)
            {
                (states ??= []).Add(new StateChange(incident.Id, write.Time, state, write.Detail ?? (state == "detected" ? incident.Reason : null)));
            }
        }

        if (states is not null)
        {
            await WriteStatesAsync(connection, transaction, states, cancellationToken);
        }
    }

    private static async Task WriteStatesAsync(DbConnection connection, DbTransaction transaction, List<StateChange> changes, CancellationToken cancellationToken)
    {
        await using var insert = DbCommands.Create(connection, transaction, InsertStateSql);
        var incident = insert.AddText("@incident");
        var time = insert.AddLong("@time");
        var state = insert.AddText("@state");
        var detail = insert.AddText("@detail");
        foreach (var change in changes)
        {
            incident.Set(change.IncidentId);
            time.Set(DbCommands.Millis(change.Time));
            state.Set(change.State);
            detail.Set(change.Detail);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task WriteTimelineAsync(DbConnection connection, DbTransaction transaction, List<TimelineRow> rows, CancellationToken cancellationToken)
    {
        await using var upsert = DbCommands.Create(connection, transaction, UpsertTimelineSql);
        var incident = upsert.AddText("@incident");
        var second = upsert.AddLong("@second");
        var vector = upsert.AddText("@vector");
        var packets = upsert.AddLong("@packets");
        var bytes = upsert.AddLong("@bytes");
        foreach (var row in rows)
        {
            incident.Set(row.IncidentId);
            second.Set(row.Second);
            vector.Set(row.Vector);
            packets.Set(row.Packets);
            bytes.Set(row.Bytes);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<Dictionary<string, long>> WriteRollupsAsync(
        DbConnection connection, DbTransaction transaction, List<TrafficRollup> rows, CancellationToken cancellationToken)
    {
        var g = Dialect.Greatest;
        var newHosts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var insertHost = DbCommands.Create(connection, transaction,
            "INSERT INTO hosts (address) VALUES (@address) ON CONFLICT (address) DO NOTHING");
        var hostAddress = insertHost.AddText("@address");
        await using var selectHost = DbCommands.Create(connection, transaction, "SELECT id FROM hosts WHERE address = @address");
        var selectAddress = selectHost.AddText("@address");
        await using var upsert = DbCommands.Create(connection, transaction, $"""
            INSERT INTO traffic_minutes (host_id, minute, packets, bytes, peak_pps, peak_bps, tcp, udp, icmp, syn, ack, rst, fin, fragment)
            VALUES (@host, @minute, @packets, @bytes, @peak_pps, @peak_bps, @tcp, @udp, @icmp, @syn, @ack, @rst, @fin, @fragment)
            ON CONFLICT (host_id, minute) DO UPDATE SET
                packets = traffic_minutes.packets + excluded.packets, bytes = traffic_minutes.bytes + excluded.bytes,
                peak_pps = {g}(traffic_minutes.peak_pps, excluded.peak_pps), peak_bps = {g}(traffic_minutes.peak_bps, excluded.peak_bps),
                tcp = traffic_minutes.tcp + excluded.tcp, udp = traffic_minutes.udp + excluded.udp, icmp = traffic_minutes.icmp + excluded.icmp,
                syn = traffic_minutes.syn + excluded.syn, ack = traffic_minutes.ack + excluded.ack, rst = traffic_minutes.rst + excluded.rst,
                fin = traffic_minutes.fin + excluded.fin, fragment = traffic_minutes.fragment + excluded.fragment
            """);
        var host = upsert.AddLong("@host");
        var minute = upsert.AddLong("@minute");
        var packets = upsert.AddLong("@packets");
        var bytes = upsert.AddLong("@bytes");
        var peakPps = upsert.AddLong("@peak_pps");
        var peakBps = upsert.AddLong("@peak_bps");
        var tcp = upsert.AddLong("@tcp");
        var udp = upsert.AddLong("@udp");
        var icmp = upsert.AddLong("@icmp");
        var syn = upsert.AddLong("@syn");
        var ack = upsert.AddLong("@ack");
        var rst = upsert.AddLong("@rst");
        var fin = upsert.AddLong("@fin");
        var fragment = upsert.AddLong("@fragment");
        foreach (var row in rows)
        {
            if (!_hostIds.TryGetValue(row.Address, out var hostId) && !newHosts.TryGetValue(row.Address, out hostId))
            {
                hostAddress.Set(row.Address);
                await insertHost.ExecuteNonQueryAsync(cancellationToken);
                selectAddress.Set(row.Address);
                hostId = Convert.ToInt64(await selectHost.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                newHosts[row.Address] = hostId;
            }

            host.Set(hostId);
            minute.Set(row.Minute);
            packets.Set(row.Packets);
            bytes.Set(row.Bytes);
            peakPps.Set(row.PeakPps);
            peakBps.Set(row.PeakBps);
            var c = row.Classes;
            tcp.Set(c.Tcp);
            udp.Set(c.Udp);
            icmp.Set(c.Icmp);
            syn.Set(c.Syn);
            ack.Set(c.Ack);
            rst.Set(c.Rst);
            fin.Set(c.Fin);
            fragment.Set(c.Fragment);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        return newHosts;
    }
}
