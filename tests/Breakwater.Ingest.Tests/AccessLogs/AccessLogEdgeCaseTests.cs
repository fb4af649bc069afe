using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Tests.AccessLogs;

/// <summary>
/// Lines that are unusual but valid, each with its expected fields written by hand: IPv6 clients, half-hour time zones,
/// escaped quotes, "-" sizes, HTTP/2.0 and absolute targets, chains of forwarders, JSON escapes and number types.
/// </summary>
public sealed class AccessLogEdgeCaseTests
{
    [Fact]
    public void Combined_Ipv6ClientAndHalfHourZone_AreConvertedToUtc()
    {
        var r = LoggedRequest.Parse("2001:db8::7 - - [10/Mar/2025:19:30:00 +0530] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\"", AccessLogFormat.Combined);

        Assert.Equal("2001:db8::7", r.Client);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.Zero), r.Time);
    }

    [Fact]
    public void Combined_EscapedQuoteInUserAgentAndDashSize_AreRead()
    {
        var r = LoggedRequest.Parse("192.0.2.1 - - [10/Mar/2025:14:00:00 +0000] \"HEAD /x HTTP/1.0\" 304 - \"-\" \"say \\\"hi\\\"\"", AccessLogFormat.Combined);

        Assert.Equal("HEAD", r.Method);
        Assert.Equal(304, r.Status);
        Assert.Equal(0, r.Bytes);
        Assert.Contains("hi", r.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void Combined_Http2AndAbsoluteTarget_KeepTheTargetAsLogged()
    {
        var r = LoggedRequest.Parse("192.0.2.1 - - [10/Mar/2025:14:00:00 +0000] \"GET http://shop.example/cart?x=1 HTTP/2.0\" 200 10 \"-\" \"ua\"", AccessLogFormat.Combined);

        Assert.Equal("http://shop.example/cart?x=1", r.Target);
        Assert.True((r.Flags & AccessLogFlags.HasQuery) != 0);
    }

    [Fact]
    public void Main_ForwardedForChain_IsFlaggedAsAChain()
    {
        var r = LoggedRequest.Parse(
            "192.0.2.1 - - [10/Mar/2025:14:00:00 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\" \"198.51.100.4, 203.0.113.9, 192.0.2.1\"", AccessLogFormat.Combined);

        Assert.Equal("198.51.100.4, 203.0.113.9, 192.0.2.1", r.ForwardedFor);
        Assert.True((r.Flags & AccessLogFlags.ForwardedChain) != 0);
    }

    [Fact]
    public void Json_StatusAsStringAndRequestTimeAsNumber_AreBothRead()
    {
        var r = LoggedRequest.Parse(
            "{\"time_iso8601\":\"2025-03-10T15:00:00+01:00\",\"remote_addr\":\"192.0.2.1\",\"request\":\"POST /login HTTP/1.1\",\"status\":\"401\",\"body_bytes_sent\":\"0\",\"request_time\":0.250}",
            AccessLogFormat.Json);

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.Zero), r.Time);
        Assert.Equal("POST", r.Method);
        Assert.Equal("/login", r.Target);
        Assert.Equal(401, r.Status);
        Assert.Equal(250_000, r.RequestMicros);
    }
}
