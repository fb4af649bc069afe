using Breakwater.Core;
using Breakwater.Storage;
using Breakwater.Storage.Postgres;
using Breakwater.Storage.Sqlite;

namespace Breakwater.Cli;

/// <summary>Finds one incident by id in an analysis document or in the store (SQLite or PostgreSQL); errors as one sentence and an exit code.</summary>
internal static class IncidentSource
{
    public const string DefaultDatabase = "breakwater.db";

    public static async Task<(IncidentReport? Incident, string Origin, int Exit, IReadOnlyList<(DateTimeOffset Time, string Label)> Marks)> LoadAsync(
        string id, string? from, string? db, TextWriter stderr, CancellationToken cancellationToken, string? postgres = null)
    {
        if (from is not null)
        {
            if (!File.Exists(from))
            {
                await stderr.WriteLineAsync($"breakwater: {from} does not exist; give an analysis document written by analyze --json.");
                return (null, "", ExitCodes.BadInput, []);
            }

            AnalysisDocument? document;
            try
            {
                document = AnalysisJson.Deserialize(await File.ReadAllTextAsync(from, cancellationToken));
            }
            catch (System.Text.Json.JsonException e)
            {
                await stderr.WriteLineAsync($"breakwater: {from} is not an analysis document: {e.Message}");
                return (null, "", ExitCodes.BadInput, []);
            }

            var incident = document?.Incidents.FirstOrDefault(i => i.Id == id);
            if (incident is null)
            {
                await stderr.WriteLineAsync($"breakwater: {from} has no incident {id}; its incidents are {string.Join(", ", document?.Incidents.Select(i => i.Id) ?? [])}.");
                return (null, "", ExitCodes.BadInput, []);
            }

            return (incident, $"incident from {Path.GetFileName(from)}", ExitCodes.Ok, []);
        }

        var path = db ?? DefaultDatabase;
        if (postgres is null && !File.Exists(path))
        {
            await stderr.WriteLineAsync($"breakwater: no store at {path}; give --db PATH (the daemon's storage.sqlite.path), --config with the daemon's storage, or --from analysis.json.");
            return (null, "", ExitCodes.BadUsage, []);
        }

        // The same store interface the daemon writes through: SQLite, or PostgreSQL when the configuration names it.
        await using IIncidentStore store = postgres is null ? new SqliteIncidentStore(path) : new PostgresIncidentStore(postgres);
        StoredIncident? stored;
        try
        {
            stored = await store.GetIncidentAsync(id, cancellationToken);
        }
        catch (Exception e) when (postgres is not null && e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            await stderr.WriteLineAsync($"breakwater: cannot read the PostgreSQL store {store.Location}: {e.Message}");
            return (null, "", ExitCodes.RuntimeFailure, []);
        }

        if (stored is null)
        {
            await stderr.WriteLineAsync($"breakwater: the store {store.Location} has no incident {id}.");
            return (null, "", ExitCodes.BadInput, []);
        }

        // The store's state changes (mitigating, ended, interrupted …) become marks on the report's timeline.
        var changes = await store.GetStateChangesAsync(id, cancellationToken);
        var marks = changes.Where(c => c.State != "detected").Select(c => (c.Time, c.Detail is null ? c.State : $"{c.State}: {c.Detail}")).ToList();
        return (stored.Incident, $"stored incident from {store.Location}", ExitCodes.Ok, marks);
    }
}
