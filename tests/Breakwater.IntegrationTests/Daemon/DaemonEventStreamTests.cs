using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.IntegrationTests.Support;
using Breakwater.Server;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.IntegrationTests.Daemon;

/// <summary>The daemon end to end over loopback: flows in, incident events out, clean shutdown with final stats.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class DaemonEventStreamTests
{
    private static readonly NetAddress Target = NetAddress.Parse("198.51.100.7");

    [Fact]
    public async Task Run_NetFlowAttack_EmitsIncidentStartedWithVectorThenEndedAndStats()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = new BreakwaterConfig
        {
            Collectors = new CollectorSettings { NetFlowListen = [new IPEndPoint(IPAddress.Loopback, 0)] },
            Detection = new Core.DetectionSettings { QuietSeconds = 2 },
        };
        var events = new SynchronizedLines();
        using var host = new DaemonHost(config, new EventStreamWriter(events, TimeProvider.System));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = host.RunAsync(stop.Token);
        var endpoint = host.Collectors[0].LocalEndPoint;

        // 3 s of NTP amplification at 10,000 pps (threshold 4,000), as NetFlow v9 every 100 ms.
        var attackStart = DateTimeOffset.UtcNow;
        var encoder = new TemplateFlowEncoder(ipfix: false, domain: 1);
        using var client = new UdpClient(AddressFamily.InterNetwork);
        var buffer = new byte[1500];
        for (var tick = 0; tick < 30; tick++)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var flows = Enumerable.Range(0, 10).Select(i => new FlowExportRecord
            {
                Source = NetAddress.FromV4(0xC0000200u + (uint)(tick * 10) + (uint)i), Destination = Target, SourcePort = 123,
                DestinationPort = 40000, Protocol = 17, Packets = 100, Bytes = 46_800, FirstMs = now - 100, LastMs = now,
            }).ToArray();
            var length = encoder.Write(buffer, flows, now, now - 60_000, (uint)tick, 1, includeTemplates: tick % 10 == 0, out _);
            await client.SendAsync(buffer.AsMemory(0, length), endpoint, ct);
            await Task.Delay(100, ct);
        }

        var ended = await events.WaitForAsync(l => l.Contains("\"incident.ended\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10), ct);
        await stop.CancelAsync();
        await run;

        var lines = events.Snapshot().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var started = lines.First(e => e.GetProperty("event").GetString() == "incident.started");
        var incident = started.GetProperty("incident");
        Assert.Equal("198.51.100.7", incident.GetProperty("target").GetString());
        Assert.Equal("ntp_amplification", incident.GetProperty("vectors")[0].GetProperty("name").GetString());
        var detected = DateTimeOffset.Parse(incident.GetProperty("detected").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(detected - attackStart < TimeSpan.FromSeconds(3.5), $"detected {(detected - attackStart).TotalSeconds:F1} s after the attack began");
        Assert.NotNull(ended);
        var stats = lines.Last(e => e.GetProperty("event").GetString() == "collector.stats");
        Assert.Equal("netflow", stats.GetProperty("collector").GetString());
        Assert.Equal(30, stats.GetProperty("datagrams").GetInt64());
        Assert.Equal(300, stats.GetProperty("records").GetInt64());
        Assert.Equal(JsonValueKind.Object, stats.GetProperty("drops").ValueKind);
        Assert.Equal("127.0.0.1", stats.GetProperty("exporters")[0].GetProperty("address").GetString());
        Assert.All(lines, e => Assert.EndsWith("Z", e.GetProperty("time").GetString()));
    }

    [Fact]
    public async Task Run_Sigterm_WritesFinalStatsAndExits0()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var port = PeerProcess.FreeUdpPort();
        var config = dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(config, $"collectors:\n  sflow: {{ listen: [\"127.0.0.1:{port}\"] }}\nevents:\n  file: \"-\"\napi:\n  listen: \"127.0.0.1:0\"\n", ct);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "breakwater.dll"), "run", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadLineAsync(ct);
        try
        {
            Assert.Contains("listening for sflow", (await stderr)!);
        }
        catch
        {
            // A failed start-up check must not leave the daemon running after the test.
            process.Kill(entireProcessTree: true);
            throw;
        }

        using (var client = new UdpClient(AddressFamily.InterNetwork))
        {
            await client.SendAsync(new byte[] { 0, 0, 0, 5 }, new IPEndPoint(IPAddress.Loopback, port), ct);
        }

        await Task.Delay(300, ct);
        using (Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
        }

        await process.WaitForExitAsync(ct);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await process.StandardError.ReadToEndAsync(ct)}");
        var last = JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("collector.stats", last.GetProperty("event").GetString());
        Assert.Equal(1, last.GetProperty("datagrams").GetInt64());
        Assert.Equal(1, last.GetProperty("drops").GetProperty("datagram_too_short").GetInt64());
    }

    /// <summary>A TextWriter that keeps lines for the test to wait on.</summary>
    private sealed class SynchronizedLines : TextWriter
    {
        private readonly List<string> _lines = [];

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            lock (_lines)
            {
                _lines.Add(value ?? "");
            }
        }

        public List<string> Snapshot()
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }

        public async Task<string?> WaitForAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken ct)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var match = Snapshot().FirstOrDefault(predicate);
                if (match is not null)
                {
                    return match;
                }

                await Task.Delay(50, ct);
            }

            return null;
        }
    }
}
