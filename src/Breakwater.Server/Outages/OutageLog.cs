using Microsoft.Extensions.Logging;

namespace Breakwater.Server.Outages;

/// <summary>Log lines of outside-in monitoring (event ids 60–69).</summary>
internal static partial class OutageLog
{
    [LoggerMessage(60, LogLevel.Information, "Outages resumed from the store: {Minutes} minute(s) of reports, {Waves} wave(s), {Changes} probe state change(s)")]
    public static partial void Resumed(ILogger logger, int minutes, int waves, int changes);

    [LoggerMessage(61, LogLevel.Warning, "Outages could not be read from the store ({Reason}); waves, reports and probe states start empty")]
    public static partial void ResumeFailed(ILogger logger, string reason);

    [LoggerMessage(62, LogLevel.Warning, "Outage data could not be written to the store ({Reason}); kept in memory and retried")]
    public static partial void SaveFailed(ILogger logger, string reason);

    [LoggerMessage(63, LogLevel.Information, "Probes restarted with the reloaded configuration: {Probes}")]
    public static partial void ProbesRestarted(ILogger logger, string probes);
}
