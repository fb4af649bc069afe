using Microsoft.Extensions.Logging;

namespace Breakwater.Mitigation;

internal static partial class MitigationLog
{
    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "mitigation refused for incident {Incident}: {Reason}")]
    public static partial void Refused(ILogger logger, string incident, string reason);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "mitigation {Id} {Action} ({Kind} {Prefix}): {Reason}")]
    public static partial void Changed(ILogger logger, string id, string action, string kind, string prefix, string reason);

    [LoggerMessage(EventId = 803, Level = LogLevel.Error, Message = "mitigation store write failed for {Id}: {Error}")]
    public static partial void StoreFailed(ILogger logger, string id, string error);

    [LoggerMessage(EventId = 804, Level = LogLevel.Error, Message = "nftables apply failed: {Error}")]
    public static partial void NftFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 805, Level = LogLevel.Information, Message = "mitigation reconciled on start: {Restored} restored, {Expired} expired while the daemon was down")]
    public static partial void Reconciled(ILogger logger, int restored, int expired);

    [LoggerMessage(EventId = 806, Level = LogLevel.Information, Message = "{Message}")]
    public static partial void Bgp(ILogger logger, string message);

    [LoggerMessage(EventId = 807, Level = LogLevel.Error, Message = "mitigation work failed: {Error}")]
    public static partial void WorkFailed(ILogger logger, string error);
}
