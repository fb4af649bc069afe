using Breakwater.Ingest.AccessLogs;
using Breakwater.Wire.Http;

namespace Breakwater.Ingest.Tests.AccessLogs;

/// <summary>The line path allocates nothing per line, for every format.</summary>
public sealed class AccessLogAllocationTests
{
    [Theory]
    [InlineData("nginx-kv.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-main.txt", AccessLogFormat.Combined)]
    [InlineData("apache-vhost.txt", AccessLogFormat.Combined)]
    [InlineData("nginx-json.txt", AccessLogFormat.Json)]
    [InlineData("envoy.txt", AccessLogFormat.Json)]
    [InlineData("caddy.txt", AccessLogFormat.Caddy)]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Decoder_20kLines_AllocatesNothing(string file, AccessLogFormat format)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "AccessLogs", file));
        var sink = new CountingLogSink();
        using var decoder = new AccessLogDecoder(format);
        // Warm up past tiered compilation (on-stack replacement can allocate once on this thread).
        for (var i = 0; i < 3_000; i++)
        {
            decoder.Append(bytes, ref sink);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 4_000; i++)
        {
            decoder.Append(bytes, ref sink);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink.Statuses > 0);
        Assert.Equal(0, decoder.Stats.Malformed);
    }

    private struct CountingLogSink : IAccessLogSink
    {
        public long Statuses;

        public void OnRequest(ref AccessLogEntry entry) => Statuses += entry.Status + entry.Target.Length + entry.UserAgent.Length;
    }
}
