using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Storage;
using Breakwater.Storage.Postgres;
using Breakwater.Storage.Recovery;
using Breakwater.Storage.Sqlite;
using Breakwater.Storage.Writing;
using Microsoft.Extensions.Logging;

namespace Breakwater.Server;

/// <summary>
/// The daemon's store, opened and migrated before detection starts: the <see cref="IIncidentStore"/> the API reads, the
/// <see cref="StoreWriter"/> the engine feeds, and the incidents that were open when the daemon last stopped.
/// </summary>
public sealed class DaemonStorage : IAsyncDisposable
{
    /// <summary>A daemon down longer than this does not resume an incident: it ends at its last stored second.</summary>
    public static readonly TimeSpan MaxResumeDowntime = TimeSpan.FromMinutes(10);

    private IncidentResumer? _resumer;

    private DaemonStorage(IIncidentStore store, StoreWriter writer, IReadOnlyList<StoredIncident> recovered, int schemaVersion)
    {
        Store = store;
        Writer = writer;
        Recovered = recovered;
        SchemaVersion = schemaVersion;
    }

    public IIncidentStore Store { get; }

    public StoreWriter Writer { get; }

    /// <summary>Incidents open in the store at start (resumed or ended once detection runs).</summary>
    public IReadOnlyList<StoredIncident> Recovered { get; }

    public int SchemaVersion { get; }

    /// <summary>Creates the store the settings name (not yet migrated).</summary>
    public static IIncidentStore CreateStore(StorageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.IsPostgres ? new PostgresIncidentStore(settings.PostgresConnection!) : new SqliteIncidentStore(settings.SqlitePath!);
    }

    /// <summary>Opens and migrates the store and reads the incidents left open. Throws <see cref="StoreException"/> with a user sentence.</summary>
    public static async Task<DaemonStorage> OpenAsync(StorageSettings settings, ILoggerFactory? loggers = null, TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = CreateStore(settings);
        try
        {
            var version = await store.MigrateAsync(cancellationToken);
            var open = await store.GetOpenIncidentsAsync(cancellationToken);
            var writer = new StoreWriter(store, new StoreWriterOptions
            {
                FlushInterval = settings.FlushInterval,
                RollupRetention = settings.RollupRetention,
                TimelineRetention = settings.TimelineRetention,
            }, loggers?.CreateLogger("Breakwater.Storage"), time);
            return new DaemonStorage(store, writer, open, version);
        }
        catch (Exception e) when (e is not StoreException and not OperationCanceledException)
        {
            await store.DisposeAsync();
            throw new StoreException($"Cannot open the store ({settings}): {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The observer the engine gets: resumes or ends the recovered incidents, then passes every change to
    /// <paramref name="observers"/> and to the store writer.
    /// </summary>
    public IIncidentObserver Attach(DetectionSettings detection, params IIncidentObserver[] observers)
    {
        ArgumentNullException.ThrowIfNull(detection);

        // The engine needs its trigger seconds to reopen an incident; a quiet period later the attack is over.
        var window = TimeSpan.FromSeconds(detection.QuietSeconds + detection.TriggerSeconds + 5);
        _resumer = new IncidentResumer(Recovered, new IncidentFanout([.. observers, Writer]), Writer, window, MaxResumeDowntime);
        return _resumer;
    }

    /// <summary>Ends recovered incidents whose resume window has passed (the daemon calls it once a second).</summary>
    public void Tick() => _resumer?.ExpireDue();

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await Store.DisposeAsync();
    }
}
