using Breakwater.Ingest.AccessLogs;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Tests.AccessLogs;

/// <summary>Lines cut by reads anywhere (one byte per read, odd sizes, at every offset) give the same requests.</summary>
public sealed class AccessLogSplitTests
{
    [Theory]
    [InlineData("nginx-main.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-json.txt", AccessLogFormat.Json)]
    [InlineData("caddy.txt", AccessLogFormat.Caddy)]
    public void Append_SplitAtEveryOffset_SameRequestsAsOneRead(string file, AccessLogFormat format)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "AccessLogs", file));
        var expected = Decode(bytes, format, bytes.Length);

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var requests = new List<LoggedRequest>();
            var sink = new CollectingLogSink(requests);
            using var decoder = new AccessLogDecoder(format);
            decoder.Append(bytes.AsSpan(0, cut), ref sink);
            decoder.Append(bytes.AsSpan(cut), ref sink);
            decoder.Complete(ref sink);
            Assert.Equal(expected, requests);
        }

        foreach (var chunk in new[] { 1, 2, 3, 13, 100 })
        {
            Assert.Equal(expected, Decode(bytes, format, chunk));
        }
    }

    [Fact]
    public void Append_LastLineWithoutNewline_ReadOnlyAtComplete()
    {
        var requests = new List<LoggedRequest>();
        var sink = new CollectingLogSink(requests);
        using var decoder = new AccessLogDecoder(AccessLogFormat.Combined);

        decoder.Append("192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5"u8, ref sink);
        Assert.Empty(requests);
        Assert.True(decoder.HasPartialLine);

        decoder.Complete(ref sink);
        Assert.Single(requests);
    }

    private static List<LoggedRequest> Decode(byte[] bytes, AccessLogFormat format, int chunk)
    {
        var requests = new List<LoggedRequest>();
        var sink = new CollectingLogSink(requests);
        using var decoder = new AccessLogDecoder(format);
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            decoder.Append(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), ref sink);
        }

        decoder.Complete(ref sink);
        return requests;
    }
}
