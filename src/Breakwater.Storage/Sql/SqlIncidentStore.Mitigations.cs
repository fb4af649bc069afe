using System.Data.Common;

namespace Breakwater.Storage.Sql;

/// <summary>Mitigations and their audit rows (<see cref="IMitigationStore"/>).</summary>
public abstract partial class SqlIncidentStore : IMitigationStore
{
    private const string MitigationColumns = "id, incident_id, state, created_ms, expires_ms, document";

    public async Task SaveMitigationAsync(StoredMitigation mitigation, MitigationAudit? audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mitigation);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = DbCommands.Create(connection, transaction,
            $"INSERT INTO mitigations ({MitigationColumns}) VALUES (@id, @incident, @state, @created, @expires, @document) "
            + "ON CONFLICT (id) DO UPDATE SET state = excluded.state, expires_ms = excluded.expires_ms, document = excluded.document"))
        {
            upsert.AddText("@id", mitigation.Id);
            upsert.AddText("@incident", mitigation.IncidentId);
            upsert.AddText("@state", mitigation.State);
            upsert.AddLong("@created", DbCommands.Millis(mitigation.Created));
            upsert.AddLong("@expires", DbCommands.Millis(mitigation.Expires));
            upsert.AddText("@document", mitigation.Document);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (audit is not null)
        {
            await using var insert = DbCommands.Create(connection, transaction,
                "INSERT INTO mitigation_audit (mitigation_id, incident_id, time_ms, action, actor, reason) VALUES (@id, @incident, @time, @action, @actor, @reason)");
            insert.AddText("@id", audit.MitigationId);
            insert.AddText("@incident", audit.IncidentId);
            insert.AddLong("@time", DbCommands.Millis(audit.Time));
            insert.AddText("@action", audit.Action);
            insert.AddText("@actor", audit.Actor);
            insert.AddText("@reason", audit.Reason);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredMitigation>> ListMitigationsAsync(
        IReadOnlyCollection<string> states, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        await using var connection = await OpenAsync(cancellationToken);
        var names = states.Select((_, i) => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var where = states.Count == 0 ? string.Empty : $"WHERE state IN ({string.Join(", ", names)}) ";
        await using var command = DbCommands.Create(connection, null,
            $"SELECT {MitigationColumns} FROM mitigations {where}ORDER BY created_ms DESC, id DESC LIMIT @limit");
        var i = 0;
        foreach (var state in states)
        {
            command.AddText(names[i++], state);
        }

        command.AddLong("@limit", Math.Clamp(limit, 1, 100_000));
        return await ReadMitigationsAsync(command, cancellationToken);
    }

    public async Task<StoredMitigation?> GetMitigationAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null, $"SELECT {MitigationColumns} FROM mitigations WHERE id = @id");
        command.AddText("@id", id);
        var list = await ReadMitigationsAsync(command, cancellationToken);
        return list.Count > 0 ? list[0] : null;
    }

    public async Task<IReadOnlyList<MitigationAudit>> GetMitigationAuditAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null,
            "SELECT mitigation_id, incident_id, time_ms, action, actor, reason FROM mitigation_audit WHERE mitigation_id = @id ORDER BY seq");
        command.AddText("@id", id);
        var list = new List<MitigationAudit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new MitigationAudit(reader.GetString(0), reader.GetString(1), DbCommands.Time(reader.GetInt64(2)),
                reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return list;
    }

    private static async Task<IReadOnlyList<StoredMitigation>> ReadMitigationsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<StoredMitigation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StoredMitigation(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DbCommands.Time(reader.GetInt64(3)), DbCommands.Time(reader.GetInt64(4)), reader.GetString(5)));
        }

        return list;
    }
}
