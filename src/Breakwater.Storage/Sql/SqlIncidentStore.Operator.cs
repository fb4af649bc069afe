using System.Data.Common;

namespace Breakwater.Storage.Sql;

/// <summary>The operator's writes on incidents: acknowledgements and notes.</summary>
public abstract partial class SqlIncidentStore
{
    public async Task<Acknowledgement?> AcknowledgeAsync(string id, string by, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(by);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int changed;
        await using (var update = DbCommands.Create(connection, transaction,
            "UPDATE incidents SET acknowledged_ms = @time, acknowledged_by = @by WHERE id = @id AND acknowledged_ms IS NULL"))
        {
            update.AddLong("@time", DbCommands.Millis(time));
            update.AddText("@by", by);
            update.AddText("@id", id);
            changed = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        Acknowledgement? result = null;
        await using (var select = DbCommands.Create(connection, transaction, "SELECT acknowledged_ms, acknowledged_by FROM incidents WHERE id = @id"))
        {
            select.AddText("@id", id);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.NullableLong(0) is { } at)
            {
                result = new Acknowledgement(DbCommands.Time(at), reader.NullableText(1) ?? "");
            }
        }

        if (changed > 0)
        {
            await using var state = DbCommands.Create(connection, transaction,
                "INSERT INTO incident_states (incident_id, time_ms, state, detail) VALUES (@id, @time, 'acknowledged', @by)");
            state.AddText("@id", id);
            state.AddLong("@time", DbCommands.Millis(time));
            state.AddText("@by", by);
            await state.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<bool> IsAcknowledgedAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null, "SELECT COUNT(*) FROM incidents WHERE id = @id AND acknowledged_ms IS NOT NULL");
        command.AddText("@id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public async Task<IncidentNote?> AddNoteAsync(string id, string author, string text, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(text);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = DbCommands.Create(connection, transaction, "SELECT COUNT(*) FROM incidents WHERE id = @id"))
        {
            exists.AddText("@id", id);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return null;
            }
        }

        long noteId;
        await using (var insert = DbCommands.Create(connection, transaction,
            "INSERT INTO incident_notes (incident_id, time_ms, author, text) VALUES (@id, @time, @author, @text) RETURNING id"))
        {
            insert.AddText("@id", id);
            insert.AddLong("@time", DbCommands.Millis(time));
            insert.AddText("@author", author);
            insert.AddText("@text", text);
            noteId = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await transaction.CommitAsync(cancellationToken);
        return new IncidentNote(noteId, id, DateTimeOffset.FromUnixTimeMilliseconds(DbCommands.Millis(time)), author, text);
    }

    public async Task<IReadOnlyList<IncidentNote>> GetNotesAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadNotesAsync(connection, id, cancellationToken);
    }

    private static async Task<IReadOnlyList<IncidentNote>> ReadNotesAsync(DbConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null,
            "SELECT id, time_ms, author, text FROM incident_notes WHERE incident_id = @id ORDER BY id");
        command.AddText("@id", id);
        var notes = new List<IncidentNote>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            notes.Add(new IncidentNote(reader.GetInt64(0), id, DbCommands.Time(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3)));
        }

        return notes;
    }
}
