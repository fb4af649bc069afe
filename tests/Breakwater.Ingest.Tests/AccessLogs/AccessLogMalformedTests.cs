using System.Text;
using Breakwater.Ingest.AccessLogs;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Tests.AccessLogs;

/// <summary>Every malformed-line reason: a bad line is counted with its reason and the lines around it are still read.</summary>
public sealed class AccessLogMalformedTests
{
    private const string Good = "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\"";
    private const string GoodJson = "{\"remote_addr\":\"192.0.2.1\",\"msec\":\"971211336.000\",\"status\":200}";

    public static TheoryData<string, AccessLogFormat, AccessLogMalformed> Lines => new()
    {
        { "not-an-address - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5", AccessLogFormat.Combined, AccessLogMalformed.BadClient },
        { "192.0.2.999 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5", AccessLogFormat.Combined, AccessLogMalformed.BadClient },
        { "192.0.2.1", AccessLogFormat.Combined, AccessLogMalformed.BadClient },
        { "192.0.2.1 - - [10/Foo/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5", AccessLogFormat.Combined, AccessLogMalformed.BadTime },
        { "192.0.2.1 - - [31/Feb/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5", AccessLogFormat.Combined, AccessLogMalformed.BadTime },
        { "192.0.2.1 - - 10/Oct/2000:13:55:36 \"GET / HTTP/1.1\" 200 5", AccessLogFormat.Combined, AccessLogMalformed.BadTime },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1 200 5", AccessLogFormat.Combined, AccessLogMalformed.BadRequest },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.1 200 5", AccessLogFormat.Combined, AccessLogMalformed.BadRequest },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 2x0 5", AccessLogFormat.Combined, AccessLogMalformed.BadStatus },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 2000 5", AccessLogFormat.Combined, AccessLogMalformed.BadStatus },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5k", AccessLogFormat.Combined, AccessLogMalformed.BadSize },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200", AccessLogFormat.Combined, AccessLogMalformed.BadSize },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 \"-\" \"cut", AccessLogFormat.Combined, AccessLogMalformed.BadFields },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5 referer", AccessLogFormat.Combined, AccessLogMalformed.BadFields },
        { "192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /\0 HTTP/1.1\" 200 5", AccessLogFormat.Combined, AccessLogMalformed.NotText },
        { "{\"remote_addr\":\"192.0.2.1\",\"status\":200", AccessLogFormat.Json, AccessLogMalformed.BadJson },
        { "{\"remote_addr\":\"192.0.2.1\" \"status\":200}", AccessLogFormat.Json, AccessLogMalformed.BadJson },
        { "{\"remote_addr\":\"192.0.2.1\"}{}", AccessLogFormat.Json, AccessLogMalformed.BadJson },
        { "[1,2]", AccessLogFormat.Json, AccessLogMalformed.BadJson },
        { "{\"remote_addr\":\"192.0.2.1\",\"status\":200}", AccessLogFormat.Json, AccessLogMalformed.MissingField },
        { "{\"msec\":\"971211336.000\",\"status\":200}", AccessLogFormat.Json, AccessLogMalformed.MissingField },
        { "{\"remote_addr\":\"192.0.2.1\",\"msec\":\"971211336.000\"}", AccessLogFormat.Json, AccessLogMalformed.MissingField },
        { "{\"request\":{\"remote_ip\":\"192.0.2.1\"},\"status\":200}", AccessLogFormat.Caddy, AccessLogMalformed.MissingField },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parse_BadLine_ReturnsItsReason(string line, AccessLogFormat format, AccessLogMalformed reason)
    {
        var entry = default(AccessLogEntry);
        var cache = default(TimeCache);

        Assert.Equal(reason, AccessLogParser.Parse(Encoding.UTF8.GetBytes(line), format, ref entry, ref cache));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Decoder_BadLineBetweenGoodOnes_CountsReasonAndReadsTheOthers(string line, AccessLogFormat format, AccessLogMalformed reason)
    {
        var good = format == AccessLogFormat.Combined ? Good : GoodJson;
        var requests = new List<LoggedRequest>();
        var sink = new CollectingLogSink(requests);
        using var decoder = new AccessLogDecoder(format == AccessLogFormat.Caddy ? AccessLogFormat.Json : format);
        if (format == AccessLogFormat.Caddy)
        {
            decoder.Format = AccessLogFormat.Caddy;
            good = "{\"request\":{\"remote_ip\":\"192.0.2.1\"},\"ts\":971211336,\"status\":200}";
        }

        decoder.Append(Encoding.UTF8.GetBytes($"{good}\n{line}\n{good}\n"), ref sink);
        decoder.Complete(ref sink);

        Assert.Equal(2, requests.Count);
        Assert.Equal(1, decoder.Stats.Malformed);
        Assert.Equal(1, decoder.Stats.MalformedFor(reason));
        Assert.Equal(3, decoder.Stats.Lines);
    }

    [Fact]
    public void Decoder_LineLongerThanMax_CountedOnceWhateverTheReadSize()
    {
        var longLine = Good.Replace("GET / ", "GET /" + new string('a', AccessLogParser.MaxLineLength) + " ", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes($"{Good}\n{longLine}\n{Good}\n");
        foreach (var chunk in new[] { 7, 4096, bytes.Length })
        {
            var requests = new List<LoggedRequest>();
            var sink = new CollectingLogSink(requests);
            using var decoder = new AccessLogDecoder(AccessLogFormat.Combined);
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                decoder.Append(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), ref sink);
            }

            decoder.Complete(ref sink);
            Assert.Equal(2, requests.Count);
            Assert.Equal(1, decoder.Stats.MalformedFor(AccessLogMalformed.LineTooLong));
            Assert.Equal(3, decoder.Stats.Lines);
        }
    }

    [Fact]
    public void Decoder_BlankLinesAndCrLf_NotMalformed()
    {
        var requests = new List<LoggedRequest>();
        var sink = new CollectingLogSink(requests);
        using var decoder = new AccessLogDecoder(AccessLogFormat.Combined);

        decoder.Append(Encoding.UTF8.GetBytes($"\n{Good}\r\n  \r\n{Good}"), ref sink);
        decoder.Complete(ref sink);

        Assert.Equal(2, requests.Count);
        Assert.Equal(0, decoder.Stats.Malformed);
        Assert.Equal(2, decoder.Stats.Blank);
    }

    [Fact]
    public void Sniff_BinaryOrEmpty_IsUnknown()
    {
        Assert.Equal(AccessLogFormat.Unknown, AccessLogParser.Sniff([0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0]));
        Assert.Equal(AccessLogFormat.Unknown, AccessLogParser.Sniff("\n\n"u8));
        Assert.Equal(AccessLogFormat.Unknown, AccessLogParser.Sniff("hello world\nsecond line\n"u8));
        Assert.Equal(AccessLogFormat.Combined, AccessLogParser.Sniff(Encoding.UTF8.GetBytes(Good + "\n")));
    }
}
