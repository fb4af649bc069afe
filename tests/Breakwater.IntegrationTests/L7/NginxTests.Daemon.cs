using System.Text.Json;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.IntegrationTests.Support;
using Breakwater.Server;

namespace Breakwater.IntegrationTests.L7;

/// <remarks>
/// The daemon follows a real nginx's access log (<c>collectors.access_log</c>): a flood raises an <c>http_flood</c>
/// incident in the event stream; after logrotate's rename and nginx's reopen (SIGUSR1) a second flood, written to the
/// new file only, raises a second one. Shares the class's one nginx.
/// </remarks>
public sealed partial class NginxTests
{
    [Fact]
    public async Task Run_FollowsNginxLogAcrossRotation_RaisesHttpFloodBeforeAndAfter()
    {
        Assert.SkipUnless(_nginx.Available, "nginx is not installed");
        var ct = TestContext.Current.CancellationToken;
        var config = new BreakwaterConfig
        {
            Collectors = new CollectorSettings
            {
                AccessLog = new AccessLogCollectorSettings { Paths = [_nginx.Log("daemon")], Format = "auto", Service = "shop" },
            },
            Detection = new DetectionSettings
            {
                QuietSeconds = 2,
                DefaultGroup = new HostGroup("default", new Thresholds { Rps = 100 }),
            },
        };
        var events = new EventLines();
        using var host = new DaemonHost(config, new EventStreamWriter(events, TimeProvider.System));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = host.RunAsync(stop.Token);
        var flooders = new[] { HttpLoad.Loopback(50, 1), HttpLoad.Loopback(50, 2) };

        await HttpLoad.FloodAsync(_nginx.Url("daemon"), flooders, TimeSpan.FromSeconds(4), workers: 4, i => $"/cart?i={i}", null, ct);
        var first = await events.WaitForAsync(IsHttpFlood("incident.ended"), 1, TimeSpan.FromSeconds(15), ct);
        Assert.Single(first);

        File.Move(_nginx.Log("daemon"), _nginx.Log("daemon") + ".1");
        _nginx.ReopenLogs();
        await Task.Delay(500, ct);
        await HttpLoad.FloodAsync(_nginx.Url("daemon"), flooders, TimeSpan.FromSeconds(4), workers: 4, i => $"/checkout?i={i}", null, ct);
        var started = await events.WaitForAsync(IsHttpFlood("incident.started"), 2, TimeSpan.FromSeconds(15), ct);

        await stop.CancelAsync();
        await run;
        Assert.Equal(2, started.Count);
        var second = JsonDocument.Parse(started[1]).RootElement.GetProperty("incident");
        Assert.Equal("shop", second.GetProperty("target").GetString());
        Assert.Equal("/checkout", second.GetProperty("http").GetProperty("top_paths")[0].GetProperty("value").GetString());
        Assert.Equal(1, host.AccessLogs!.Followers[0].Rotations);
        var stats = events.Snapshot().Select(l => JsonDocument.Parse(l).RootElement)
            .Last(e => e.GetProperty("event").GetString() == "collector.stats" && e.GetProperty("collector").GetString() == "access_log");
        Assert.True(stats.GetProperty("records").GetInt64() > 800);
    }

    private static Func<string, bool> IsHttpFlood(string kind) =>
        line => line.Contains($"\"{kind}\"", StringComparison.Ordinal) && line.Contains("http_flood", StringComparison.Ordinal);
}
