using Breakwater.Cli.Errors;
using Breakwater.Core;
using Breakwater.Storage;
using Breakwater.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Breakwater.Cli;

/// <summary>Finds one incident by id in an analysis document or in the SQLite store; errors as one sentence and an exit code.</summary>
internal static class IncidentSource
{
    public const string DefaultDatabase = "breakwater.db";

    public static async Task<(IncidentReport? Incident, string Origin, int Exit)> LoadAsync(
        string id, string? from, string? db, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (from is not null)
        {
            if (!File.Exists(from))
            {
                await stderr.WriteLineAsync($"breakwater: {from} does not exist; give an analysis document written by analyze --json.");
                return (null, "", ExitCodes.BadInput);
            }

            AnalysisDocument? document;
            try
            {
                document = AnalysisJson.Deserialize(await File.ReadAllTextAsync(from, cancellationToken));
            }
            catch (System.Text.Json.JsonException e)
            {
                await stderr.WriteLineAsync($"breakwater: {from} is not a breakwater.analysis/v1 document (JSON error at line {e.LineNumber + 1}); give the JSON that analyze --json wrote.");
                return (null, "", ExitCodes.BadInput);
            }

            var incident = document?.Incidents.FirstOrDefault(i => i.Id == id);
            if (incident is null)
            {
                await stderr.WriteLineAsync($"breakwater: {from} has no incident {id}; its incidents are {string.Join(", ", document?.Incidents.Select(i => i.Id) ?? [])}.");
                return (null, "", ExitCodes.BadInput);
            }

            return (incident, $"incident from {Path.GetFileName(from)}", ExitCodes.Ok);
        }

        var path = db ?? DefaultDatabase;
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"breakwater: no store at {path}; give --db PATH (the daemon's storage.sqlite.path) or --from analysis.json.");
            return (null, "", ExitCodes.BadUsage);
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
            await stderr.WriteLineAsync($"breakwater: the store {path} has no incident {id}.");
            return (null, "", ExitCodes.BadInput);
        }

        return (stored.Incident, $"stored incident from {store.Location}", ExitCodes.Ok);
    }
}
