using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Breakwater.Configuration;
using Breakwater.IntegrationTests.Support;
using Breakwater.Server;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.IntegrationTests.Daemon;

/// <summary>The event stream says when it stops short: an interrupted incident, a failed write named at once.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class EventStreamEdgeTests
{
    [Fact]
    public async Task Run_StoppedDuringAnAttack_LastEventOfTheOpenIncidentIsInterrupted()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = new BreakwaterConfig { Collectors = new CollectorSettings { NetFlowListen = [new IPEndPoint(IPAddress.Loopback, 0)] } };
        var lines = new StringWriter();
        var sync = TextWriter.Synchronized(lines);
        string Text()
        {
            lock (sync)
            {
                return lines.ToString(); // the synchronized writer locks itself around each write
            }
        }

        using var events = new EventStreamWriter(sync, TimeProvider.System);
        using var host = new DaemonHost(config, events);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = host.RunAsync(stop.Token);
        var endpoint = host.Collectors[0].LocalEndPoint;
        var encoder = new TemplateFlowEncoder(ipfix: false, domain: 1);
        using var client = new UdpClient(AddressFamily.InterNetwork);
        var buffer = new byte[1500];
        await client.SendAsync(ReadOnlyMemory<byte>.Empty, endpoint, ct); // no version at all: too short
        for (var tick = 0; tick < 60 && !Text().Contains("incident.started", StringComparison.Ordinal); tick++)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var flows = Enumerable.Range(0, 10).Select(i => new FlowExportRecord
            {
                Source = NetAddress.FromV4(0xC0000200u + (uint)i), Destination = NetAddress.Parse("198.51.100.7"), SourcePort = 123,
                DestinationPort = 40000, Protocol = 17, Packets = 100, Bytes = 46_800, FirstMs = now - 100, LastMs = now,
            }).ToArray();
            var length = encoder.Write(buffer, flows, now, now - 60_000, (uint)tick, 1, includeTemplates: tick % 10 == 0, out _);
            await client.SendAsync(buffer.AsMemory(0, length), endpoint, ct);
            await Task.Delay(100, ct);
        }

        await stop.CancelAsync();
        await run;

        var all = Text().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var last = all.Last(e => e.GetProperty("event").GetString()!.StartsWith("incident.", StringComparison.Ordinal));
        Assert.Equal("incident.updated", last.GetProperty("event").GetString());
        Assert.Equal("interrupted", last.GetProperty("incident").GetProperty("status").GetString());
        var stats = all.Last(e => e.GetProperty("event").GetString() == "collector.stats");
        Assert.Equal(1, stats.GetProperty("drops").GetProperty("datagram_too_short").GetInt64());
        Assert.False(stats.GetProperty("drops").TryGetProperty("unsupported_version", out _));
    }

    [Fact]
    public async Task Run_EventsFileOnAFullDisk_Exits1NamingTheFileAtTheFirstFailedWrite()
    {
        using var dir = new TempDirectory();
        var config = dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(config, $"collectors:\n  sflow: {{ listen: [\"127.0.0.1:{PeerProcess.FreeUdpPort()}\"] }}\nevents:\n  file: /dev/full\n",
            TestContext.Current.CancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await Breakwater.Cli.CliRoot.RunAsync(["run", "--config", config], stdout, stderr, cancel.Token);

        Assert.Equal(1, code);
        Assert.Contains("cannot write events to /dev/full", stderr.ToString());
        Assert.DoesNotContain("internal error", stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
    }

    [Fact]
    public void Write_FailingOutput_IsKeptAsFailureNamingTheFileAndSignalsAtOnce()
    {
        using var events = new EventStreamWriter(new FullDiskWriter(), TimeProvider.System, "/var/log/breakwater/events.jsonl");

        events.WriteCollectorStats(new Ingest.Collectors.CollectorCounters("sflow"));
        events.WriteCollectorStats(new Ingest.Collectors.CollectorCounters("sflow"));

        Assert.True(events.Failed.IsCancellationRequested);
        Assert.Contains("/var/log/breakwater/events.jsonl", events.Failure!.Message);
    }

    private sealed class FullDiskWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => throw new IOException("No space left on device");
    }
}
