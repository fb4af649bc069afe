using Breakwater.Detection;

namespace Breakwater.Server;

/// <summary>How <see cref="BreakwaterServer"/> is set up besides the configuration file.</summary>
public sealed record ServerOptions
{
    /// <summary>Where the JSON-lines event stream goes (<c>events.file</c> opened by the caller).</summary>
    public required TextWriter Events { get; init; }

    /// <summary>Default log level (logs go to stderr, or to journald under systemd); <c>Logging__LogLevel__Default</c> overrides it.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>More log destinations besides stderr (tests read the log lines back).</summary>
    public IReadOnlyList<Microsoft.Extensions.Logging.ILoggerProvider> LoggerProviders { get; init; } = [];

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Watch the configuration file and apply changes without a restart.</summary>
    public bool WatchConfig { get; init; } = true;

    /// <summary>More observers of incidents (e.g. the demo's console lines), told after the store and the live feed.</summary>
    public IReadOnlyList<IIncidentObserver> Observers { get; init; } = [];
}
