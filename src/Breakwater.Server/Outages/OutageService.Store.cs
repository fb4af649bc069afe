using Breakwater.Outages.Probes;
using Breakwater.Outages.Reports;
using Breakwater.Outages.Waves;
using Breakwater.Storage.Outages;

namespace Breakwater.Server.Outages;

/// <summary>
/// Keeping outages across restarts: on start, the store's report counts (the last 14 days), waves and probe state
/// changes are read back; while running, accepted reports, wave changes and probe state changes are written every
/// five seconds and at shutdown. A store that fails keeps the data in memory (bounded) and is retried; it never
/// blocks reports or probes.
/// </summary>
public sealed partial class OutageService
{
    /// <summary>Unsaved waves and probe changes kept at most while the store fails (older ones are dropped first).</summary>
    private const int MaxUnsaved = 10_000;

    private readonly Lock _unsavedGate = new();
    private readonly Dictionary<string, StoredWave> _unsavedWaves = new(StringComparer.Ordinal);
    private readonly List<StoredProbeState> _unsavedProbes = [];
    private readonly SemaphoreSlim _flush = new(1, 1);

    /// <summary>Writes what is unsaved now (the tick and shutdown call it; tests too).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        await _flush.WaitAsync(cancellationToken);
        try
        {
            var reports = Intake.Log.TakeUnsaved();
            OutageBatch batch;
            lock (_unsavedGate)
            {
                batch = new OutageBatch
                {
                    Reports = [.. reports.Select(r => new ReportCount(r.Minute, r.Category, r.Count))],
                    Waves = [.. _unsavedWaves.Values], ProbeStates = [.. _unsavedProbes],
                };
                _unsavedWaves.Clear();
                _unsavedProbes.Clear();
            }

            if (batch.IsEmpty)
            {
                return;
            }

            try
            {
                await _store.WriteOutagesAsync(batch, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OutageLog.SaveFailed(_logger, e.Message);
                Intake.Log.PutBack(reports);
                lock (_unsavedGate)
                {
                    foreach (var wave in batch.Waves)
                    {
                        _unsavedWaves.TryAdd(wave.Id, wave); // a newer copy that arrived meanwhile wins
                    }

                    _unsavedProbes.InsertRange(0, batch.ProbeStates);
                    Trim();
                }
            }
        }
        finally
        {
            _flush.Release();
        }
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var since = now - ReportLog.Keep;
        try
        {
            var counts = await _store.GetReportCountsAsync(since, cancellationToken);
            foreach (var c in counts)
            {
                Intake.Log.Restore(c.Minute, c.Category, c.Count);
            }

            var waves = (await _store.GetWavesAsync(since, cancellationToken)).Select(w => WaveJsonReader.Read(w.Document)).OfType<Wave>().ToList();
            var changes = (await _store.GetProbeStatesAsync(since, cancellationToken)).Select(p => ProbeStateJson.Read(p.Document)).OfType<ProbeStateChange>().ToList();
            Probes.Restore(changes);
            Waves.Resume(waves, now);

            // What the replay found (a wave that ended while the daemon was down, say) replaces the stored copy.
            foreach (var wave in Waves.Waves(since, now.AddDays(1)))
            {
                Unsaved(wave);
            }

            await _store.DeleteExpiredOutagesAsync(now - StoredFor, cancellationToken);
            if (counts.Count + waves.Count + changes.Count > 0)
            {
                // A fresh store has nothing to resume: the first start-up lines stay the collectors'.
                OutageLog.Resumed(_logger, counts.Select(c => c.Minute).Distinct().Count(), waves.Count, changes.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OutageLog.ResumeFailed(_logger, e.Message);
        }
    }

    /// <summary>Report counts and probe state changes are kept this long in the store (waves for good: a few rows a day).</summary>
    private static TimeSpan StoredFor => TimeSpan.FromDays(90);

    private void Unsaved(Wave wave)
    {
        if (_store is null)
        {
            return;
        }

        lock (_unsavedGate)
        {
            _unsavedWaves[wave.Id] = new StoredWave(wave.Id, wave.Signal, wave.Start, wave.End, wave.Ongoing, WaveJsonReader.Write(wave));
            Trim();
        }
    }

    private void Unsaved(ProbeStateChange change)
    {
        if (_store is null)
        {
            return;
        }

        lock (_unsavedGate)
        {
            _unsavedProbes.Add(new StoredProbeState(change.Probe, change.Time, ProbeStateChange.Name(change.State), ProbeStateJson.Write(change)));
            Trim();
        }
    }

    private void Trim()
    {
        if (_unsavedProbes.Count > MaxUnsaved)
        {
            _unsavedProbes.RemoveRange(0, _unsavedProbes.Count - MaxUnsaved);
        }

        while (_unsavedWaves.Count > MaxUnsaved)
        {
            _unsavedWaves.Remove(_unsavedWaves.Values.MinBy(w => w.Start)!.Id);
        }
    }
}
