using System.Data;
using Breakwater.Storage.Outages;

namespace Breakwater.Storage.Sql;

/// <summary>Outside-in monitoring's tables (migration 3): report counts per minute, outage waves, probe state changes.</summary>
public abstract partial class SqlIncidentStore : IOutageStore
{
    public async Task WriteOutagesAsync(OutageBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (batch.Reports.Count > 0)
        {
            // Both SQLite (3.24+) and PostgreSQL add to the stored count with the same upsert.
            await using var add = DbCommands.Create(connection, transaction, """
                INSERT INTO report_minutes (minute, category, count) VALUES (@minute, @category, @count)
                ON CONFLICT (minute, category) DO UPDATE SET count = report_minutes.count + excluded.count
                """);
            var minute = add.AddLong("@minute");
            var category = add.AddText("@category");
            var count = add.AddLong("@count");
            foreach (var r in batch.Reports)
            {
                minute.Set(r.Minute.ToUnixTimeSeconds() / 60 * 60);
                category.Set(r.Category);
                count.Set(r.Count);
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (batch.Waves.Count > 0)
        {
            await using var save = DbCommands.Create(connection, transaction, """
                INSERT INTO outage_waves (id, signal, start_ms, end_ms, ongoing, document) VALUES (@id, @signal, @start, @end, @ongoing, @document)
                ON CONFLICT (id) DO UPDATE SET signal = excluded.signal, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
                    ongoing = excluded.ongoing, document = excluded.document
                """);
            var id = save.AddText("@id");
            var signal = save.AddText("@signal");
            var start = save.AddLong("@start");
            var end = save.AddLong("@end");
            var ongoing = save.Add("@ongoing", DbType.Boolean);
            var document = save.AddText("@document");
            foreach (var w in batch.Waves)
            {
                id.Set(w.Id);
                signal.Set(w.Signal);
                start.Set(DbCommands.Millis(w.Start));
                end.Set(DbCommands.Millis(w.End));
                ongoing.Set(w.Ongoing);
                document.Set(w.Document);
                await save.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (batch.ProbeStates.Count > 0)
        {
            await using var insert = DbCommands.Create(connection, transaction,
                "INSERT INTO probe_states (probe, time_ms, state, document) VALUES (@probe, @time, @state, @document)");
            var probe = insert.AddText("@probe");
            var time = insert.AddLong("@time");
            var state = insert.AddText("@state");
            var document = insert.AddText("@document");
            foreach (var p in batch.ProbeStates)
            {
                probe.Set(p.Probe);
                time.Set(DbCommands.Millis(p.Time));
                state.Set(p.State);
                document.Set(p.Document);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReportCount>> GetReportCountsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null,
            "SELECT minute, category, count FROM report_minutes WHERE minute >= @since ORDER BY minute, category");
        command.AddLong("@since", since.ToUnixTimeSeconds() / 60 * 60);
        var list = new List<ReportCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ReportCount(DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)), reader.GetString(1), reader.GetInt64(2)));
        }

        return list;
    }

    public async Task<IReadOnlyList<StoredWave>> GetWavesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null,
            "SELECT id, signal, start_ms, end_ms, ongoing, document FROM outage_waves WHERE end_ms >= @since OR ongoing = @ongoing ORDER BY start_ms, id");
        command.AddLong("@since", DbCommands.Millis(since));
        command.Add("@ongoing", DbType.Boolean, true);
        var list = new List<StoredWave>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StoredWave(reader.GetString(0), reader.GetString(1), DbCommands.Time(reader.GetInt64(2)), DbCommands.Time(reader.GetInt64(3)),
                reader.GetBoolean(4), reader.GetString(5)));
        }

        return list;
    }

    public async Task<IReadOnlyList<StoredProbeState>> GetProbeStatesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null,
            "SELECT probe, time_ms, state, document FROM probe_states WHERE time_ms >= @since ORDER BY time_ms, id");
        command.AddLong("@since", DbCommands.Millis(since));
        var list = new List<StoredProbeState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StoredProbeState(reader.GetString(0), DbCommands.Time(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3)));
        }

        return list;
    }

    public async Task<long> DeleteExpiredOutagesAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long deleted = 0;
        await using (var reports = DbCommands.Create(connection, transaction, "DELETE FROM report_minutes WHERE minute < @before"))
        {
            reports.AddLong("@before", before.ToUnixTimeSeconds());
            deleted += await reports.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var probes = DbCommands.Create(connection, transaction, "DELETE FROM probe_states WHERE time_ms < @before"))
        {
            probes.AddLong("@before", DbCommands.Millis(before));
            deleted += await probes.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
