using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Daemon;

/// <summary>
/// Live capture end to end, inside a private network namespace: tcpreplay sends a scapy-made SYN flood into one end of
/// a veth pair in real time, the daemon captures the other end with libpcap and reports the incident.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class LiveCaptureTests
{
    [Fact]
    public async Task Run_PcapInterface_DetectsReplayedSynFlood()
    {
        Assert.SkipUnless(Environment.UserName == "root" && PeerProcess.IsInstalled("tcpreplay") && PeerProcess.IsInstalled("ip"), "needs root, iproute2 and tcpreplay");
        var ct = TestContext.Current.CancellationToken;
        var ns = $"bwtest{Environment.ProcessId}";
        using var dir = new TempDirectory();
        try
        {
            await Ip(ct, "netns", "add", ns);
            await Ip(ct, "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            await Ip(ct, "netns", "exec", ns, "ip", "link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
            await Ip(ct, "netns", "exec", ns, "ip", "link", "set", "veth0", "up");
            await Ip(ct, "netns", "exec", ns, "ip", "link", "set", "veth1", "up");
            var config = dir.File("breakwater.yaml");
            await File.WriteAllTextAsync(config, "collectors:\n  pcap: { interface: veth1 }\ndetection:\n  quiet_seconds: 2\n", ct);

            var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "netns", "exec", ns, "dotnet", Path.Combine(AppContext.BaseDirectory, "breakwater.dll"), "run", "--config", config })
            {
                start.ArgumentList.Add(arg);
            }

            using var daemon = Process.Start(start)!;
            var stdout = daemon.StandardOutput.ReadToEndAsync(ct);
            try
            {
                Assert.Contains("capturing on veth1", await daemon.StandardError.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct));
            }
            catch
            {
                daemon.Kill(entireProcessTree: true);
                throw;
            }

            await PeerProcess.RunAsync("ip", ct, "netns", "exec", ns, "tcpreplay", "-q", "-i", "veth0", Path.Combine(RepoPaths.Captures, "syn-flood-scapy.pcap"));
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            using (Process.Start("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)]))
            {
            }

            await daemon.WaitForExitAsync(ct);
            var output = await stdout;
            var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.True(events.Any(e => e.GetProperty("event").GetString() == "incident.started"), "no incident.started in: " + output);
            var started = events.First(e => e.GetProperty("event").GetString() == "incident.started").GetProperty("incident");
            Assert.Equal("203.0.113.10", started.GetProperty("target").GetString());
            Assert.Equal("syn_flood", started.GetProperty("vectors")[0].GetProperty("name").GetString());
            var stats = events.Last(e => e.GetProperty("event").GetString() == "collector.stats");
            Assert.Equal("pcap", stats.GetProperty("collector").GetString());
            Assert.True(stats.GetProperty("records").GetInt64() > 20_000, stats.ToString());
        }
        finally
        {
            await Ip(CancellationToken.None, "netns", "del", ns);
        }
    }

    private static Task<string> Ip(CancellationToken ct, params string[] args) => PeerProcess.RunAsync("ip", ct, args);
}
