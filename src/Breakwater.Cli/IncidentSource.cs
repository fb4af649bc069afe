using Breakwater.Cli.Errors;
using Breakwater.Core;
using Breakwater.Storage;
using Breakwater.Storage.Postgres;
using Breakwater.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Breakwater.Cli;

/// <summary>
/// Finds one incident by id in an analysis document or in the store (SQLite, or PostgreSQL when the configuration
/// names it); a missing one is a <see cref="Errors.CliError"/>.
/// </summary>
internal static class IncidentSource
{
    public const string DefaultDatabase = "breakwater.db";

    public static async Task<(IncidentReport Incident, string Origin, IReadOnlyList<(DateTimeOffset Time, string Label)> Marks)> LoadAsync(
        string id, string? from, string? db, CancellationToken cancellationToken, string? postgres = null)
    {
        if (from is not null)
        {
            if (!File.Exists(from))
            {
                throw CliError.Input($"{from} does not exist; give an analysis document written by analyze --json.");
            }

            AnalysisDocument? document;
            try
            {
                document = AnalysisJson.Deserialize(await File.ReadAllTextAsync(from, cancellationToken));
            }
            catch (System.Text.Json.JsonException e)
            {
                throw CliError.Input($"{from} is not a breakwater.analysis/v1 document (JSON error at line {e.LineNumber + 1}); give the JSON that analyze --json wrote.");
            }

            var incident = document?.Incidents.FirstOrDefault(i => i.Id == id);
            if (incident is null)
            {
                throw CliError.Input($"{from} has no incident {id}; its incidents are {string.Join(", ", document?.Incidents.Select(i => i.Id) ?? [])}.");
            }

            return (incident, $"incident from {Path.GetFileName(from)}", []);
        }

        var path = db ?? DefaultDatabase;
        if (postgres is null && !File.Exists(path))
        {
            throw CliError.Usage($"no store at {path}; give --db PATH (the daemon's storage.sqlite.path), --config with the daemon's storage, or --from analysis.json.");
        }

        // The same store interface the daemon writes through: SQLite, or PostgreSQL when the configuration names it.
        await using IIncidentStore store = postgres is null ? new SqliteIncidentStore(path) : new PostgresIncidentStore(postgres);
        StoredIncident? stored;
        try
        {
            stored = await store.GetIncidentAsync(id, cancellationToken);
        }
        catch (SqliteException e)
        {
            // Not a database, a damaged one, or another program's database without Breakwater's tables.
            throw CliError.Input($"{path} is not a Breakwater store ({e.Message.TrimEnd('.')}); give the daemon's storage.sqlite.path.", e);
        }
        catch (Exception e) when (postgres is not null && e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw CliError.Runtime($"cannot read the PostgreSQL store {store.Location}: {e.Message}", e);
        }

        if (stored is null)
        {
            throw CliError.Input($"the store {store.Location} has no incident {id}.");
        }

        // The store's state changes (mitigating, ended, interrupted …) become marks on the report's timeline.
        var changes = await store.GetStateChangesAsync(id, cancellationToken);
        var marks = changes.Where(c => c.State != "detected").Select(c => (c.Time, c.Detail is null ? c.State : $"{c.State}: {c.Detail}")).ToList();
        return (stored.Incident, $"stored incident from {store.Location}", marks);
    }
}
