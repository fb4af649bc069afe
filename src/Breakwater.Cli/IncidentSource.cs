using Breakwater.Cli.Errors;
using Breakwater.Core;
using Breakwater.Storage;
using Breakwater.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Breakwater.Cli;

/// <summary>Finds one incident by id in an analysis document or in the SQLite store; a missing one is a <see cref="Errors.CliError"/>.</summary>
internal static class IncidentSource
{
    public const string DefaultDatabase = "breakwater.db";

    public static async Task<(IncidentReport Incident, string Origin)> LoadAsync(string id, string? from, string? db, CancellationToken cancellationToken)
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

            return (incident, $"incident from {Path.GetFileName(from)}");
        }

        var path = db ?? DefaultDatabase;
        if (!File.Exists(path))
        {
            throw CliError.Usage($"no store at {path}; give --db PATH (the daemon's storage.sqlite.path) or --from analysis.json.");
        }

        await using var store = new SqliteIncidentStore(path);
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

        if (stored is null)
        {
            throw CliError.Input($"the store {path} has no incident {id}.");
        }

        return (stored.Incident, $"stored incident from {store.Location}");
    }
}
