using System.Text;
using Breakwater.Wire;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Tests.AccessLogs;

/// <summary>A copy of one parsed entry with strings, for assertions.</summary>
public sealed record LoggedRequest(
    DateTimeOffset Time, string Client, string Method, string Target, string Host, int Status, long Bytes, string UserAgent,
    string Referer, string ForwardedFor, long RequestMicros, long UpstreamMicros, AccessLogFlags Flags)
{
    public static LoggedRequest From(ref AccessLogEntry e) => new(
        DateTimeOffset.UnixEpoch.AddTicks(e.TimestampNanos / 100),
        e.Client == default ? "" : e.Client.ToString(),
        Encoding.UTF8.GetString(e.Method),
        Encoding.UTF8.GetString(e.Target),
        Encoding.UTF8.GetString(e.Host),
        e.Status,
        e.Bytes,
        Encoding.UTF8.GetString(e.UserAgent),
        Encoding.UTF8.GetString(e.Referer),
        Encoding.UTF8.GetString(e.ForwardedFor),
        e.RequestMicros,
        e.UpstreamMicros,
        e.Flags);

    public static LoggedRequest Parse(string line, AccessLogFormat format)
    {
        var entry = default(AccessLogEntry);
        var cache = default(TimeCache);
        var reason = AccessLogParser.Parse(Encoding.UTF8.GetBytes(line), format, ref entry, ref cache);
        Assert.Equal(AccessLogMalformed.None, reason);
        return From(ref entry);
    }
}

/// <summary>Collects every request a reader or decoder hands out.</summary>
public struct CollectingLogSink(List<LoggedRequest> requests) : IAccessLogSink
{
    public readonly void OnRequest(ref AccessLogEntry entry) => requests.Add(LoggedRequest.From(ref entry));
}
