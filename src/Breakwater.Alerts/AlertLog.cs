using Microsoft.Extensions.Logging;

namespace Breakwater.Alerts;

/// <summary>Alert log messages: one per failed try at most, never with a URL, token or password in them.</summary>
internal static partial class AlertLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Alert {Event} for incident {Incident} via {Channel} failed (try {Try} of {Tries}): {Error}")]
    public static partial void TryFailed(ILogger logger, string @event, string incident, string channel, int @try, int tries, string error);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "Alert {Event} for incident {Incident} via {Channel} given up after {Tries} tries")]
    public static partial void GaveUp(ILogger logger, string @event, string incident, string channel, int tries);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Alert queue of {Channel} full: {Event} for incident {Incident} dropped")]
    public static partial void Dropped(ILogger logger, string channel, string @event, string incident);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Cannot tell whether incident {Incident} is acknowledged ({Error}); alerting anyway")]
    public static partial void AckLookupFailed(ILogger logger, string incident, string error);
}
