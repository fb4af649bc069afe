using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Detection.Baselines;

namespace Breakwater.Server;

/// <summary>
/// Keeps the daemon's learned baselines across restarts (<c>detection.baseline.path</c>): loaded before the engine is
/// built, handed from engine to engine on reload, saved every hour and at shutdown on the decode-and-detect thread.
/// </summary>
internal sealed class DaemonBaseline
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromHours(1);

    private DateTimeOffset _lastSave;

    /// <summary>The last save's failure (a full disk must not stop detection), null after a good save.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// The baselines saved by an earlier run, or a new empty model; null when baselines are off. Throws
    /// <see cref="BaselineFormatException"/> when the file is not a baseline.
    /// </summary>
    public static BaselineModel? Load(BaselineSettings settings) =>
        !settings.Enabled ? null
        : settings.Path is { } path && File.Exists(path) ? BaselineFile.Load(path, settings)
        : new BaselineModel(settings);

    /// <summary>The model the next engine takes over: the same one, or a copy when the week count changed.</summary>
    public static BaselineModel? Carry(BaselineModel? current, BaselineSettings settings) =>
        !settings.Enabled ? null
        : current is null ? Load(settings)
        : current.TryReconfigure(settings) ? current
        : BaselineFile.Copy(current, settings);

    /// <summary>Saves when an hour has passed since the last save.</summary>
    public void Tick(DetectionEngine engine, DateTimeOffset now)
    {
        if (_lastSave == default)
        {
            _lastSave = now;
        }
        else if (now - _lastSave >= SaveInterval)
        {
            _lastSave = now;
            Save(engine, finishHour: false);
        }
    }

    /// <summary>Writes the engine's baselines (at shutdown with <paramref name="finishHour"/>: the hour in progress is kept when long enough).</summary>
    public void Save(DetectionEngine engine, bool finishHour)
    {
        if (engine.Baseline is not { Settings.Path: { } path } model)
        {
            return;
        }

        if (finishHour)
        {
            model.Flush();
        }

        try
        {
            BaselineFile.Save(model, path);
            LastError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LastError = $"cannot save the baseline to {path}: {e.Message}";
        }
    }
}
