using System.Text;
using Breakwater.Ingest.AccessLogs;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Tests.AccessLogs;

/// <summary>
/// The daemon's log follower on real files: rotation by rename-and-create and by copytruncate (as logrotate does them),
/// lines cut across polls and across a rotation, a log that appears later, and a start that skips what was written before.
/// </summary>
public sealed class AccessLogFollowerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bw-l7-follow-").FullName;

    private string Log => Path.Combine(_dir, "access.log");

    private static string Line(int n) =>
        $"10.0.0.{n % 250 + 1} - - [10/Mar/2025:14:00:{n % 60:00} +0000] \"GET /item/{n} HTTP/1.1\" 200 512 \"-\" \"curl/8\"\n";

    [Fact]
    public void Poll_RenameAndCreate_ReadsOldTailLateLinesAndNewFile()
    {
        File.WriteAllText(Log, "");
        using var follower = new AccessLogFollower(Log, AccessLogFormat.Combined, fromStart: false);
        var sink = new CountingSink();
        Append(Log, 0, 10);
        follower.Poll(ref sink, 1 << 20);
        Assert.Equal(10, sink.Count);

        // logrotate: rename, create; the server still writes to the old file until it reopens (nginx USR1).
        Append(Log, 10, 5);
        File.Move(Log, Log + ".1");
        File.WriteAllText(Log, "");
        Append(Log + ".1", 15, 3);
        Append(Log, 18, 7);
        follower.Poll(ref sink, 1 << 20);
        Append(Log + ".1", 25, 2); // a late line after the switch
        Append(Log, 27, 4);
        follower.Poll(ref sink, 1 << 20);

        Assert.Equal(31, sink.Count);
        Assert.Equal(1, follower.Rotations);
        Assert.Equal(31, follower.Stats.Requests);
        Assert.Equal(0, follower.Stats.Malformed);
    }

    [Fact]
    public void Poll_Copytruncate_StartsAgainFromTheTop()
    {
        File.WriteAllText(Log, "");
        using var follower = new AccessLogFollower(Log, AccessLogFormat.Combined, fromStart: false);
        var sink = new CountingSink();
        Append(Log, 0, 20);
        follower.Poll(ref sink, 1 << 20);

        File.Copy(Log, Log + ".1");
        using (var truncate = new FileStream(Log, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            truncate.SetLength(0);
        }

        Append(Log, 20, 3);
        follower.Poll(ref sink, 1 << 20);

        Assert.Equal(23, sink.Count);
        Assert.Equal(1, follower.Truncations);
        Assert.Equal(0, follower.Rotations);
    }

    [Fact]
    public void Poll_LineCutAcrossPollsAndAcrossRename_IsOneRequest()
    {
        File.WriteAllText(Log, "");
        using var follower = new AccessLogFollower(Log, AccessLogFormat.Combined, fromStart: false);
        var sink = new CountingSink();
        var line = Line(1);
        File.AppendAllText(Log, line[..30]);
        follower.Poll(ref sink, 1 << 20);
        Assert.Equal(0, sink.Count);
        File.AppendAllText(Log, line[30..]);
        follower.Poll(ref sink, 1 << 20);
        Assert.Equal(1, sink.Count);

        // The old file's last line has no newline when it is renamed away: it is taken as it is when the file retires.
        var cut = Line(2);
        File.AppendAllText(Log, cut[..^1]);
        File.Move(Log, Log + ".1");
        Append(Log, 3, 2);
        for (var i = 0; i <= AccessLogFollower.RetireAfterEmptyPolls; i++)
        {
            follower.Poll(ref sink, 1 << 20);
        }

        Assert.Equal(4, sink.Count);
        Assert.Equal(0, follower.Stats.Malformed);
    }

    [Fact]
    public void Poll_FileAppearsLater_IsReadWhole_AndFormatIsSniffed()
    {
        using var follower = new AccessLogFollower(Log, AccessLogFormat.Unknown, fromStart: false);
        var sink = new CountingSink();
        follower.Poll(ref sink, 1 << 20);
        Assert.False(follower.IsOpen);

        File.WriteAllText(Log,
            "{\"time_iso8601\":\"2025-03-10T14:00:00+00:00\",\"remote_addr\":\"10.0.0.1\",\"request\":\"GET / HTTP/1.1\",\"status\":200,\"body_bytes_sent\":5}\n");
        follower.Poll(ref sink, 1 << 20);

        Assert.True(follower.IsOpen);
        Assert.Equal(1, sink.Count);
        Assert.Equal(AccessLogFormat.Json, follower.Format);
    }

    [Fact]
    public void Poll_ExistingContentAtStart_IsSkippedUnlessFromStart()
    {
        Append(Log, 0, 50);
        using var tail = new AccessLogFollower(Log, AccessLogFormat.Combined, fromStart: false);
        using var whole = new AccessLogFollower(Log, AccessLogFormat.Combined, fromStart: true);
        var a = new CountingSink();
        var b = new CountingSink();
        Append(Log, 50, 5);
        tail.Poll(ref a, 1 << 20);
        whole.Poll(ref b, 1 << 20);

        Assert.Equal(5, a.Count);
        Assert.Equal(55, b.Count);
    }

    [Fact]
    public void Poll_Budget_LeavesTheRestForTheNextPoll()
    {
        File.WriteAllText(Log, "");
        using var follower = new AccessLogFollower(Log, AccessLogFormat.Combined, fromStart: false);
        Append(Log, 0, 1000);
        var sink = new CountingSink();
        Assert.True(follower.Poll(ref sink, 8192));
        Assert.InRange(sink.Count, 1, 999);
        while (follower.Poll(ref sink, 8192))
        {
        }

        Assert.Equal(1000, sink.Count);
    }

    [Fact]
    public void Poll_MalformedLines_AreCountedPerReasonNotFatal()
    {
        File.WriteAllText(Log, "");
        using var follower = new AccessLogFollower(Log, AccessLogFormat.Combined, fromStart: false);
        File.AppendAllText(Log, "not a log line at all\n" + Line(1) + "10.0.0.1 - - [bad time] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n");
        var sink = new CountingSink();
        follower.Poll(ref sink, 1 << 20);

        Assert.Equal(1, sink.Count);
        Assert.Equal(2, follower.Stats.Malformed);
        Assert.NotEmpty(follower.Stats.MalformedReasons());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Append(string path, int first, int count)
    {
        var b = new StringBuilder();
        for (var i = first; i < first + count; i++)
        {
            b.Append(Line(i));
        }

        File.AppendAllText(path, b.ToString());
    }

    private struct CountingSink : IAccessLogSink
    {
        public int Count;

        public void OnRequest(ref AccessLogEntry entry) => Count++;
    }
}
