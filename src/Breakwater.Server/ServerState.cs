using Breakwater.Configuration;

namespace Breakwater.Server;

/// <summary>What the API reads about the running daemon: the config in force (swapped whole on reload) and when it started.</summary>
public sealed class ServerState(BreakwaterConfig config, DaemonHost daemon, TimeProvider time)
{
    private BreakwaterConfig _config = config;

    public BreakwaterConfig Config
    {
        get => Volatile.Read(ref _config);
        internal set => Volatile.Write(ref _config, value);
    }

    public DaemonHost Daemon { get; } = daemon;

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Started { get; } = time.GetUtcNow();
}
