using System.Net;
using System.Text.Json;
using Breakwater.Alerts;
using Breakwater.Configuration;
using Breakwater.IntegrationTests.Storage;
using Breakwater.IntegrationTests.Support;
using Breakwater.TestKit.Smtp;

namespace Breakwater.IntegrationTests.Alerts;

/// <summary>
/// Alert channels against receivers on loopback: a webhook gets the event JSON, Slack readable text, SMTP a mail, a
/// script the event on stdin; a receiver that is down is retried then counted as failed; acknowledged incidents are not alerted.
/// </summary>
public sealed class AlertChannelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_Started_ReceivesTheIncidentEventJson()
    {
        using var receiver = new HttpReceiver();
        await using var alerts = new AlertDispatcher([Channel("webhook", url: receiver.Url)]);
        alerts.Start();

        alerts.OnStarted(StoreSamples.Incident("w1"));

        var body = await receiver.WaitAsync(1, Ct);
        using var json = JsonDocument.Parse(body[0]);
        Assert.Equal("incident.started", json.RootElement.GetProperty("event").GetString());
        Assert.Equal("w1", json.RootElement.GetProperty("incident").GetProperty("id").GetString());
        Assert.Equal("syn_flood", json.RootElement.GetProperty("incident").GetProperty("vectors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Slack_Started_ReceivesReadableText()
    {
        using var receiver = new HttpReceiver();
        await using var alerts = new AlertDispatcher([Channel("slack", url: receiver.Url)]);
        alerts.Start();

        alerts.OnStarted(StoreSamples.Incident("s1"));

        using var json = JsonDocument.Parse((await receiver.WaitAsync(1, Ct))[0]);
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("DDoS attack on 198.51.100.7 (group web) detected.", text);
        Assert.Contains("syn_flood 99 %", text);
        Assert.Contains("40,000 packets/s", text);
    }

    [Fact]
    public async Task SlackAndWebhook_Mitigation_ReadableTextAndTheEventLine()
    {
        using var slack = new HttpReceiver();
        using var hook = new HttpReceiver();
        await using var alerts = new AlertDispatcher(
            [Channel("slack", url: slack.Url), Channel("webhook", url: hook.Url)]);
        alerts.Start();

        const string Line = "{\"event\":\"mitigation.announced\",\"mitigation\":{\"id\":\"m-1\"}}";
        alerts.DispatchMitigation("mitigation.announced", "m-1", "198.51.100.7", Line, "[Breakwater] Mitigation announced: flowspec 198.51.100.7/32", "Why: narrow");

        var text = JsonDocument.Parse((await slack.WaitAsync(1, Ct))[0]).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("Mitigation announced: flowspec 198.51.100.7/32", text);
        Assert.Contains("Why: narrow", text);
        Assert.Equal(Line, (await hook.WaitAsync(1, Ct))[0]);
    }

    [Fact]
    public async Task Smtp_Ended_SinkGetsAMailWithSubjectAndJson()
    {
        await using var sink = new SmtpSink();
        await using var alerts = new AlertDispatcher([Channel("smtp") with
        {
            Host = "127.0.0.1", Port = sink.Port, Tls = "none", From = "breakwater@example.net", To = ["noc@example.net"],
        }]);
        alerts.Start();

        alerts.OnEnded(StoreSamples.Incident("m1", status: "ended"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sink.Messages.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        var mail = Assert.Single(sink.Messages);
        Assert.Equal("breakwater@example.net", mail.From);
        Assert.Equal(["noc@example.net"], mail.To);
        Assert.Contains("Subject: [Breakwater] DDoS ended on 198.51.100.7: syn_flood, peak 40,000 pps", mail.Data);
        Assert.Contains("ended after 3 min 0 s", mail.Data);
        Assert.Contains("\"event\":\"incident.ended\"", mail.Data);
    }

    [Fact]
    public async Task Script_Started_GetsTheEventOnStdinAndArguments()
    {
        var output = _dir.File("out.txt");
        var script = _dir.File("page.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\necho \"$@\" > {output}.args\ncat > {output}\n", Ct);
        Assert.SkipUnless(OperatingSystem.IsLinux(), "scripts are run on Linux");
#pragma warning disable CA1416 // guarded above
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
#pragma warning restore CA1416
        await using var alerts = new AlertDispatcher([Channel("script") with { Path = script, Args = ["--page"] }]);
        alerts.Start();

        alerts.OnStarted(StoreSamples.Incident("x1"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (alerts.Stats["script-0"].Sent == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal("--page incident.started 198.51.100.7 x1", (await File.ReadAllTextAsync(output + ".args", Ct)).Trim());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output, Ct));
        Assert.Equal("x1", json.RootElement.GetProperty("incident").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ReceiverDown_RetriedThenCountedAsFailed_OtherChannelsUnaffected()
    {
        using var receiver = new HttpReceiver();
        var down = new Uri($"http://127.0.0.1:{PostgresCluster.FreeTcpPort()}/hook");
        await using var alerts = new AlertDispatcher(
        [
            Channel("webhook", url: down) with { Name = "down", Retries = 1, Timeout = TimeSpan.FromSeconds(2) },
            Channel("webhook", url: receiver.Url) with { Name = "up" },
        ]);
        alerts.Start();

        alerts.OnStarted(StoreSamples.Incident("d1"));

        await receiver.WaitAsync(1, Ct);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (alerts.Stats["down"].Failed == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(1, alerts.Stats["down"].Failed);
        Assert.Equal(1, alerts.Stats["down"].Retries);
        Assert.Equal(0, alerts.Stats["down"].Sent);
        Assert.Equal(1, alerts.Stats["up"].Sent);
    }

    [Fact]
    public async Task Acknowledged_NoMoreAlerts_ButOthersStillSent()
    {
        using var receiver = new HttpReceiver();
        await using var alerts = new AlertDispatcher([Channel("webhook", url: receiver.Url)], (id, _) => Task.FromResult(id == "acked"));
        alerts.Start();

        alerts.OnEnded(StoreSamples.Incident("acked", status: "ended"));
        alerts.OnEnded(StoreSamples.Incident("other", status: "ended"));

        var bodies = await receiver.WaitAsync(1, Ct);
        await Task.Delay(500, Ct);
        Assert.Single(receiver.Bodies);
        Assert.Contains("\"other\"", bodies[0]);
        Assert.Equal(1, alerts.Stats["webhook-0"].Suppressed);
    }

    private static AlertChannelSettings Channel(string type, Uri? url = null) => new() { Type = type, Name = $"{type}-0", Url = url };

    public void Dispose() => _dir.Dispose();

    /// <summary>An HTTP receiver on loopback that keeps request bodies and answers 200.</summary>
    private sealed class HttpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<string> _bodies = [];

        public HttpReceiver()
        {
            var port = PostgresCluster.FreeTcpPort();
            Url = new Uri($"http://127.0.0.1:{port}/hook/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public Uri Url { get; }

        public List<string> Bodies
        {
            get
            {
                lock (_bodies)
                {
                    return [.. _bodies];
                }
            }
        }

        public async Task<List<string>> WaitAsync(int count, CancellationToken ct)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Bodies.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }

            return Bodies;
        }

        private async Task LoopAsync()
        {
            try
            {
                while (true)
                {
                    var context = await _listener.GetContextAsync();
                    using var reader = new StreamReader(context.Request.InputStream);
                    var body = await reader.ReadToEndAsync();
                    lock (_bodies)
                    {
                        _bodies.Add(body);
                    }

                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }

        public void Dispose() => _listener.Close();
    }
}
