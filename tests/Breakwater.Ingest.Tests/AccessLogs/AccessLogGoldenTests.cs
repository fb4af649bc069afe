using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Breakwater.Ingest.AccessLogs;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Tests.AccessLogs;

/// <summary>
/// Every supported format against goldens: logs written by a real nginx 1.22 for requests whose fields are known
/// (make-nginx-logs.sh, expected values in nginx-requests.tsv by hand) and hand-written Apache, Envoy and Caddy lines.
/// </summary>
public sealed partial class AccessLogGoldenTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "AccessLogs", name);

    private static (List<LoggedRequest> Requests, AccessLogFileReader Reader) ReadFile(string name)
    {
        var requests = new List<LoggedRequest>();
        var sink = new CollectingLogSink(requests);
        var reader = AccessLogFileReader.Open(PathOf(name));
        while (reader.Read(ref sink))
        {
        }

        return (requests, reader);
    }

    [Theory]
    [InlineData("nginx-combined.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-main.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-timed.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-kv.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-vhost.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-json.txt", AccessLogFormat.Json)]
    public void RealNginxLog_EveryRequestAsSent(string file, AccessLogFormat format)
    {
        var expected = File.ReadAllLines(PathOf("nginx-requests.tsv")).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();

        var (requests, reader) = ReadFile(file);
        using var _ = reader;

        Assert.Equal(format, reader.Format);
        Assert.Equal(0, reader.Stats.Malformed);
        Assert.Equal(expected.Count, requests.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (want, got) = (expected[i], requests[i]);
            Assert.Equal(want[0], got.Client);
            Assert.Equal(Dash(want[1]), got.Method);
            Assert.Equal(Dash(want[2]), got.Target);
            Assert.Equal(int.Parse(want[3], CultureInfo.InvariantCulture), got.Status);
            Assert.Equal(long.Parse(want[4], CultureInfo.InvariantCulture), got.Bytes);
            Assert.Equal(Dash(want[5]), Unescape(got.UserAgent));
            Assert.Equal(Dash(want[6]), got.Referer);
            var hasXff = file is "nginx-main.txt" or "nginx-json.txt";
            Assert.Equal(hasXff ? Dash(want[7]) : "", got.ForwardedFor);
            Assert.Equal(hasXff && want[7].Contains(','), got.Flags.HasFlag(AccessLogFlags.ForwardedChain));
            Assert.Equal(want[1] == "-", got.Flags.HasFlag(AccessLogFlags.BadRequestLine));
            Assert.Equal(want[2].Contains('?'), got.Flags.HasFlag(AccessLogFlags.HasQuery));
            if (file is "nginx-json.txt" or "nginx-vhost.txt")
            {
                // nginx's $host: the Host header without its port, or the server name when the request had none.
                var host = want[8] != "-" ? want[8] : want[1] == "-" ? "shop.example" : "127.0.0.1";
                Assert.Equal(host, got.Host);
            }

            if (file is "nginx-timed.txt" or "nginx-kv.txt" or "nginx-json.txt")
            {
                Assert.True(got.Flags.HasFlag(AccessLogFlags.HasRequestTime));
                Assert.InRange(got.RequestMicros, 0, 1_000_000);
                Assert.Equal(want[2].StartsWith("/api/", StringComparison.Ordinal), got.UpstreamMicros >= 0);
            }
        }
    }

    [Fact]
    public void RealNginxLog_CombinedAndJsonTimesAgree()
    {
        var (clf, a) = ReadFile("nginx-combined.txt");
        var (iso, b) = ReadFile("nginx-json.txt");
        a.Dispose();
        b.Dispose();

        Assert.Equal(clf.Select(r => r.Time), iso.Select(r => r.Time));
        Assert.All(clf, r => Assert.Equal(TimeSpan.Zero, r.Time.Offset));
        Assert.Equal(a.Stats.FirstNanos, b.Stats.FirstNanos);
    }

    [Fact]
    public void ApacheCombinedWithMicroseconds_ByHand()
    {
        var (r, reader) = ReadFile("apache-combined-D.txt");
        reader.Dispose();

        Assert.Equal(AccessLogFormat.Combined, reader.Format);
        Assert.Equal(new LoggedRequest(
            new DateTimeOffset(2000, 10, 10, 20, 55, 36, TimeSpan.Zero), "192.0.2.10", "GET", "/apache_pb.gif", "", 200, 2326,
            "Mozilla/4.08 [en] (Win98; I ;Nav)", "http://www.example.com/start.html", "", 1532, -1, AccessLogFlags.HasRequestTime), r[0]);
        Assert.Equal(new LoggedRequest(
            new DateTimeOffset(2000, 10, 10, 20, 55, 37, TimeSpan.Zero), "2001:db8::7", "HEAD", "/robots.txt", "", 304, 0,
            "Wget/1.21 \\\"x\\\"", "", "", 87, -1, AccessLogFlags.HasRequestTime), r[1]);
    }

    [Fact]
    public void ApacheVhostCombined_ByHand()
    {
        var (r, reader) = ReadFile("apache-vhost.txt");
        reader.Dispose();

        Assert.Equal(2, r.Count);
        Assert.Equal(("www.example.com", "192.0.2.11", 429, "/a?b=1"), (r[0].Host, r[0].Client, r[0].Status, r[0].Target));
        Assert.Equal(new DateTimeOffset(2025, 2, 28, 23, 0, 0, TimeSpan.Zero), r[0].Time);
        Assert.Equal(("[2001:db8::1]", "198.51.100.1", 503, ""), (r[1].Host, r[1].Client, r[1].Status, r[1].UserAgent));
    }

    [Fact]
    public void CommonLogFormat_LeapDayAndDashSize_ByHand()
    {
        var request = LoggedRequest.Parse(File.ReadAllText(PathOf("common.txt")).TrimEnd(), AccessLogFormat.Combined);

        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero), request.Time);
        Assert.Equal(("DELETE", "/x", 204, 0L, ""), (request.Method, request.Target, request.Status, request.Bytes, request.UserAgent));
    }

    [Fact]
    public void EnvoyJson_ByHand()
    {
        var (r, reader) = ReadFile("envoy.txt");
        reader.Dispose();

        Assert.Equal(AccessLogFormat.Json, reader.Format);
        Assert.Equal(new LoggedRequest(
            new DateTimeOffset(2025, 3, 10, 14, 0, 0, 250, TimeSpan.Zero), "192.0.2.20", "GET", "/search?q=abc", "shop.example", 200, 512,
            "Mozilla/5.0", "", "203.0.113.9", 25_000, 20_000,
            AccessLogFlags.ForwardedFor | AccessLogFlags.HasQuery | AccessLogFlags.HasRequestTime), r[0]);
        Assert.Equal(("2001:db8::20", "POST", 503, 1_200_000L, ""), (r[1].Client, r[1].Method, r[1].Status, r[1].RequestMicros, r[1].UserAgent));
    }

    [Fact]
    public void CaddyJson_ByHand()
    {
        var (r, reader) = ReadFile("caddy.txt");
        reader.Dispose();

        Assert.Equal(AccessLogFormat.Caddy, reader.Format);
        Assert.Equal(new LoggedRequest(
            new DateTimeOffset(2025, 3, 10, 14, 0, 0, 500, TimeSpan.Zero), "198.51.100.30", "GET", "/post/1?nocache=9981", "blog.example", 200,
            10900, "Mozilla/5.0 (Windows NT 10.0)", "", "198.51.100.30, 10.0.0.1", 2500, -1,
            AccessLogFlags.ForwardedFor | AccessLogFlags.ForwardedChain | AccessLogFlags.Via | AccessLogFlags.HasQuery | AccessLogFlags.HasRequestTime),
            r[0]);
    }

    [Fact]
    public void Gzip_SameRequestsAsPlain()
    {
        var dir = Directory.CreateTempSubdirectory("bw-l7-");
        try
        {
            var gz = Path.Combine(dir.FullName, "access.log.gz");
            using (var output = new System.IO.Compression.GZipStream(File.Create(gz), System.IO.Compression.CompressionLevel.Fastest))
            {
                output.Write(File.ReadAllBytes(PathOf("nginx-main.txt")));
            }

            var (plain, a) = ReadFile("nginx-main.txt");
            a.Dispose();
            var requests = new List<LoggedRequest>();
            var sink = new CollectingLogSink(requests);
            using var reader = AccessLogFileReader.Open(gz);
            while (reader.Read(ref sink))
            {
            }

            Assert.True(reader.Compressed);
            Assert.Equal(plain, requests);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Dash(string s) => s == "-" ? "" : s;

    /// <summary>Undoes nginx's \xHH escapes and JSON's \" so both logs compare with the request as sent.</summary>
    private static string Unescape(string s) =>
        HexEscape().Replace(s.Replace("\\\"", "\"", StringComparison.Ordinal), m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex(@"\\x([0-9A-Fa-f]{2})")]
    private static partial Regex HexEscape();
}
