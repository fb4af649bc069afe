using System.Runtime.InteropServices;
using Breakwater.Configuration;
using Breakwater.Server.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Breakwater.Server;

/// <summary>
/// Hot reload: watches the configuration file (and reloads on SIGHUP, systemd's <c>ExecReload</c>). A valid file applies
/// without a restart — thresholds, groups, networks, lifecycle settings, API tokens, alerts — and is announced by a
/// <c>config.reloaded</c> event; an invalid one is refused with its file, line and key in a <c>config.rejected</c> event
/// and the running configuration stays. Listen addresses, the live capture, the event file and the store need a restart:
/// their running values are kept and the event says so.
/// </summary>
internal sealed partial class ConfigReloader(
    ServerState state, TokenAuthenticator tokens, EventStreamWriter events, LiveFeed live, ILogger<ConfigReloader> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private string? _lastText;

    /// <summary>Extra work on a valid reload (e.g. alert channels), given the config in force after it.</summary>
    public event Action<BreakwaterConfig>? Applied;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (state.Config.Path is not { } path || !File.Exists(path))
        {
            return;
        }

        _lastText = state.Config.Text;
        var full = Path.GetFullPath(path);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        FileSystemEventHandler changed = (_, _) => _signal.Release();
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Renamed += (_, _) => _signal.Release();
        watcher.EnableRaisingEvents = true;
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _signal.Release();
        });

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                // Editors write in several steps (truncate, write, rename): wait for the file to settle, then read it once.
                await Task.Delay(Debounce, stoppingToken);
                while (_signal.CurrentCount > 0)
                {
                    await _signal.WaitAsync(stoppingToken);
                }

                Reload();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    private bool Reload()
    {
        var current = state.Config;
        var path = current.Path!;
        BreakwaterConfig next;
        try
        {
            next = ConfigLoader.LoadFile(path);
        }
        catch (ConfigException e)
        {
            ServerLog.ConfigRejected(logger, e.Message);
            Announce("config.rejected", path, e.Message, [], []);
            return false;
        }

        if (next.Text == _lastText)
        {
            return true; // touched, not changed
        }

        _lastText = next.Text;
        var (effective, changed, restart) = Merge(current, next);
        foreach (var key in restart)
        {
            ServerLog.NeedsRestart(logger, key);
        }

        if (!Equals(current.Detection, effective.Detection))
        {
            state.Daemon.Reconfigure(effective.Detection, kept =>
            {
                if (!kept)
                {
                    ServerLog.DetectionRestarted(logger);
                }
            });
        }

        tokens.Replace(effective.Api.Tokens);
        state.Config = effective;
        Applied?.Invoke(effective);
        ServerLog.ConfigReloaded(logger, path, changed.Count == 0 ? "no effective change" : string.Join(", ", changed));
        Announce("config.reloaded", path, null, changed, restart);
        return true;
    }

    private void Announce(string name, string path, string? error, IReadOnlyList<string> changed, IReadOnlyList<string> restart)
    {
        void Body(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteString("path", path);
            if (error is not null)
            {
                writer.WriteString("error", error);
                return;
            }

            writer.WriteStartArray("changed");
            foreach (var key in changed)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("restart_needed");
            foreach (var key in restart)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
        }

        events.WriteEvent(name, Body);
        live.Publish(name, Body);
    }
}
