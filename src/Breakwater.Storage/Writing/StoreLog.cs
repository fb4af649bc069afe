using Microsoft.Extensions.Logging;

namespace Breakwater.Storage.Writing;

/// <summary>The store writer's log messages (never per record: at most one per failure streak and one a minute).</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "Store writes to {Location} are failing ({Error}); {Rows} rows wait in memory and are retried, detection goes on")]
    public static partial void WriteFailed(ILogger logger, string location, string error, int rows);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Store writes to {Location} still failing after {Failures} tries ({Error}); {Rows} rows wait, {Dropped} dropped so far")]
    public static partial void StillFailing(ILogger logger, string location, long failures, string error, int rows, long dropped);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Store writes to {Location} work again after {Failures} failed tries")]
    public static partial void Recovered(ILogger logger, string location, long failures);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Store queue full: {Kind} rows dropped ({Total} so far)")]
    public static partial void Dropping(ILogger logger, string kind, long total);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Store retention deleted {Rows} expired rows")]
    public static partial void RetentionDeleted(ILogger logger, long rows);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Store retention failed: {Error}")]
    public static partial void RetentionFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Store writer stopped with {Rows} rows not written: {Error}")]
    public static partial void FinalFlushFailed(ILogger logger, int rows, string error);
}
