using System.Collections.Concurrent;
using Breakwater.Alerts;
using Breakwater.Configuration;
using Breakwater.IntegrationTests.Storage;

namespace Breakwater.IntegrationTests.Alerts;

/// <summary>
/// Alert channels follow a hot reload: an unchanged channel keeps running, a new one starts, a changed one is replaced
/// and a removed one stops — without a restart and without losing the channels that stayed.
/// </summary>
public sealed class AlertReloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconfigure_AddChangeRemove_EachChannelGetsExactlyTheAlertsOfItsSettings()
    {
        var sent = new ConcurrentQueue<(string Channel, Uri Url, string Incident)>();
        await using var alerts = new AlertDispatcher(
            [Webhook("noc", "http://127.0.0.1:9/a")],
            channelFactory: settings => new RecordingChannel(settings, sent));
        alerts.Start();

        alerts.OnStarted(StoreSamples.Incident("i1"));
        await WaitForAsync(() => sent.Count == 1);

        // The same settings read again from a reloaded file (new objects, equal content) plus a new channel.
        var (added, changed, removed) = alerts.Reconfigure([Webhook("noc", "http://127.0.0.1:9/a"), Webhook("soc", "http://127.0.0.1:9/b")]);
        Assert.Equal(["soc"], added);
        Assert.Empty(changed);
        Assert.Empty(removed);
        alerts.OnStarted(StoreSamples.Incident("i2"));
        await WaitForAsync(() => sent.Count == 3);
        Assert.Equal(2, alerts.Stats["noc"].Sent);

        // noc moves to another URL, soc goes away.
        (added, changed, removed) = alerts.Reconfigure([Webhook("noc", "http://127.0.0.1:9/c")]);
        Assert.Empty(added);
        Assert.Equal(["noc"], changed);
        Assert.Equal(["soc"], removed);
        alerts.OnStarted(StoreSamples.Incident("i3"));
        await WaitForAsync(() => sent.Count == 4);
        await Task.Delay(200, Ct);

        Assert.Equal(
            [("noc", "/a", "i1"), ("noc", "/a", "i2"), ("noc", "/c", "i3"), ("soc", "/b", "i2")],
            sent.Select(s => (s.Channel, s.Url.AbsolutePath, s.Incident)).Order().ToList());
        Assert.Equal(["noc"], alerts.Stats.Keys);
    }

    [Fact]
    public void Merge_AlertsEdited_IsAnnouncedAsChangedAndApplied()
    {
        var current = new BreakwaterConfig { Alerts = [Webhook("noc", "http://127.0.0.1:9/a")] };
        var same = new BreakwaterConfig { Alerts = [Webhook("noc", "http://127.0.0.1:9/a")] };
        var edited = new BreakwaterConfig { Alerts = [Webhook("noc", "http://127.0.0.1:9/a") with { MaxPerMinute = 2 }] };

        Assert.DoesNotContain("alerts", Breakwater.Server.ConfigReloader.Merge(current, same).Changed);
        var (effective, changed, restart) = Breakwater.Server.ConfigReloader.Merge(current, edited);
        Assert.Contains("alerts", changed);
        Assert.DoesNotContain("alerts", restart);
        Assert.Equal(2, effective.Alerts[0].MaxPerMinute);
    }

    private static AlertChannelSettings Webhook(string name, string url) =>
        new() { Type = "webhook", Name = name, Url = new Uri(url), Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer x" } };

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(condition(), "the alerts did not arrive within 10 s");
    }

    private sealed class RecordingChannel(AlertChannelSettings settings, ConcurrentQueue<(string, Uri, string)> sent) : IAlertChannel
    {
        public Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
        {
            sent.Enqueue((settings.Name, settings.Url!, alert.IncidentId));
            return Task.CompletedTask;
        }
    }
}
