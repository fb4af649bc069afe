using System.Data.Common;
using System.Text;

namespace Breakwater.Storage.Sql;

/// <summary>Incident reads for the API and for recovery after a restart.</summary>
public abstract partial class SqlIncidentStore
{
    private const string IncidentColumns = "id, start_ms, updated_ms, last_second, acknowledged_ms, acknowledged_by, document";

    public async Task<IncidentPage> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, IncidentQuery.MaxLimit);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null, "");
        var sql = new StringBuilder($"SELECT {IncidentColumns} FROM incidents WHERE 1 = 1");
        if (query.Status is { } status)
        {
            if (status == "open")
            {
                sql.Append(" AND status <> 'ended'");
            }
            else
            {
                sql.Append(" AND status = @status");
                command.AddText("@status", status);
            }
        }

        if (query.Target is { } target)
        {
            sql.Append(" AND target = @target");
            command.AddText("@target", target);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND (end_ms IS NULL OR end_ms >= @since)");
            command.AddLong("@since", DbCommands.Millis(since));
        }

        if (query.Cursor is { } cursor)
        {
            if (!IncidentCursor.TryDecode(cursor, out var afterStart, out var afterId))
            {
                throw new ArgumentException("The cursor is not one this store handed out.", nameof(query));
            }

            sql.Append(" AND (start_ms < @after_start OR (start_ms = @after_start AND id < @after_id))");
            command.AddLong("@after_start", afterStart);
            command.AddText("@after_id", afterId);
        }

        sql.Append(" ORDER BY start_ms DESC, id DESC LIMIT @limit");
        command.AddLong("@limit", limit + 1);
        command.CommandText = sql.ToString();
        var items = new List<StoredIncident>(Math.Min(limit + 1, 256));
        var starts = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadIncident(reader));
                starts.Add(reader.GetInt64(1));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = IncidentCursor.Encode(starts[limit - 1], items[limit - 1].Incident.Id);
        }

        return new IncidentPage(items, next);
    }

    public async Task<StoredIncident?> GetIncidentAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        StoredIncident? incident;
        await using (var command = DbCommands.Create(connection, null, $"SELECT {IncidentColumns} FROM incidents WHERE id = @id"))
        {
            command.AddText("@id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            incident = await reader.ReadAsync(cancellationToken) ? ReadIncident(reader) : null;
        }

        return incident is null ? null : incident with { Notes = await ReadNotesAsync(connection, id, cancellationToken) };
    }

    public async Task<IReadOnlyList<StoredIncident>> GetOpenIncidentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null,
            $"SELECT {IncidentColumns} FROM incidents WHERE status <> 'ended' ORDER BY start_ms, id");
        var list = new List<StoredIncident>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadIncident(reader));
        }

        return list;
    }

    public async Task<IReadOnlyList<TimelinePoint>> GetTimelineAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null,
            "SELECT second, vector, packets, bytes FROM incident_timeline WHERE incident_id = @id ORDER BY second, vector");
        command.AddText("@id", id);
        var list = new List<TimelinePoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new TimelinePoint(DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return list;
    }

    public async Task<IReadOnlyList<StateChange>> GetStateChangesAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null,
            "SELECT time_ms, state, detail FROM incident_states WHERE incident_id = @id ORDER BY id");
        command.AddText("@id", id);
        var list = new List<StateChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StateChange(id, DbCommands.Time(reader.GetInt64(0)), reader.GetString(1), reader.NullableText(2)));
        }

        return list;
    }

    public async Task<long> CountIncidentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null, "SELECT COUNT(*) FROM incidents");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static StoredIncident ReadIncident(DbDataReader reader)
    {
        var acknowledged = reader.NullableLong(4);
        return new StoredIncident
        {
            Incident = IncidentDocument.Deserialize(reader.GetString(6)),
            Updated = DbCommands.Time(reader.GetInt64(2)),
            LastSecond = reader.NullableLong(3) is { } last ? DateTimeOffset.FromUnixTimeSeconds(last) : null,
            Acknowledgement = acknowledged is { } at ? new Acknowledgement(DbCommands.Time(at), reader.NullableText(5) ?? "") : null,
        };
    }
}
