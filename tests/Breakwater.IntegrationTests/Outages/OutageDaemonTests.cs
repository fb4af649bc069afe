using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Breakwater.Configuration;
using Breakwater.IntegrationTests.Support;
using Breakwater.Outages.Probes;
using Breakwater.Server;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>
/// A central daemon (API on 127.0.0.1, reports enabled with small limits) with probe agents in-process: each agent runs
/// its own probes and posts its results with the central daemon's admin token, as a remote <c>breakwater run</c> would.
/// </summary>
[Collection(ProbeTargetsCollection.Name)]
public sealed class OutageDaemonTests(ProbeTargets targets) : IAsyncLifetime
{
    private const string Admin = "admin-token-outages-0123456789";
    private const string Read = "read-token-outages-0123456789";
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _events = new();
    private BreakwaterServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var path = _dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(path, """
            api:
              listen: "127.0.0.1:0"
              tokens:
                - { name: noc, token: read-token-outages-0123456789, role: read }
                - { name: agents, token: admin-token-outages-0123456789, role: admin }
            reports: { enabled: true, window: 15m, per_address: 1000, per_prefix: 40, max_body_bytes: 256 }
            """);
        _server = await BreakwaterServer.CreateAsync(ConfigLoader.LoadFile(path),
            new ServerOptions { Events = TextWriter.Synchronized(_events), WatchConfig = false });
        await _server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Runs an agent: probe "web" at <paramref name="target"/> every 200 ms, results posted to the central daemon.</summary>
    private Task Agent(string vantage, string target, CancellationToken stop)
    {
        var spec = new ProbeSpec { Name = "web", Kind = ProbeKind.Http, Target = target, Interval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromMilliseconds(500), Retries = 0 };
        var reporter = new ProbeReporter(new HttpClient(), _server.BaseAddress, Admin, vantage);
        var scheduler = new ProbeScheduler([spec], vantage, TimeProvider.System, [r => reporter.ReportAsync(r, spec.Interval, stop).GetAwaiter().GetResult()]);
        return scheduler.RunAsync(stop).ContinueWith(_ => reporter.Dispose(), TaskScheduler.Default);
    }

    private async Task<string> WaitForState(string state, TimeSpan within)
    {
        using var client = Client(Read);
        var deadline = DateTime.UtcNow + within;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetStringAsync("/api/v1/probes", TestContext.Current.CancellationToken);
            if (last.Contains($"\"state\":\"{state}\"", StringComparison.Ordinal))
            {
                return last;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"probe 'web' never became {state} within {within}; last: {last}");
    }

    [Fact]
    public async Task Quorum_OneOfThreeAgentsFailing_Degraded_TwoOfThree_Down_EventsSayQuorum()
    {
        using var stop = new CancellationTokenSource();
        targets.Broken = false;
        var closed = $"http://127.0.0.1:{targets.ClosedPort}/";
        Task[] agents = [Agent("fra1", targets.Http("/health"), stop.Token), Agent("nyc1", targets.Http("/flaky"), stop.Token), Agent("sin1", closed, stop.Token)];
        try
        {
            await WaitForState("degraded", TimeSpan.FromSeconds(15));   // sin1 alone fails: below the quorum of 2
            targets.Broken = true;                                       // nyc1 fails too: 2 of 3
            await WaitForState("down", TimeSpan.FromSeconds(15));
        }
        finally
        {
            targets.Broken = false;
            await stop.CancelAsync();
            await Task.WhenAll(agents);
        }

        var lines = _events.ToString().Split('\n').Where(l => l.Contains("\"probe.state\"", StringComparison.Ordinal)).ToList();
        using var down = JsonDocument.Parse(lines.Last(l => l.Contains("\"state\":\"down\"", StringComparison.Ordinal)));
        Assert.Equal("web", down.RootElement.GetProperty("probe").GetString());
        Assert.Equal("quorum", down.RootElement.GetProperty("vantage").GetString());
        Assert.Equal(["nyc1", "sin1"], down.RootElement.GetProperty("failing").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ProbeResults_WithoutAdminToken_Refused()
    {
        using var client = Client(Read);
        using var response = await client.PostAsync("/api/v1/probes/results", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Reports_BoundedLoadFromOneSlash24_NoMoreThanTheLimitAccepted_Rest429()
    {
        using var client = Client(null);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (i, ct) =>
            {
                using var body = new StringContent($"{{\"category\":\"app\",\"client_id\":\"load-{i}\"}}", Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/api/v1/reports", body, ct);
                statuses.Add(response.StatusCode);
            });

        var accepted = statuses.Count(s => s == HttpStatusCode.Accepted);
        // per_prefix is 40 a minute; a run that straddles a minute boundary may use two minutes' allowance.
        Assert.InRange(accepted, 40, 80);
        Assert.Equal(200 - accepted, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Reports_DuplicateTooLargeAndBadCategory_AreRefusedClearly()
    {
        using var client = Client(null);
        async Task<HttpResponseMessage> Post(string json) =>
            await client.PostAsync("/api/v1/reports", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        // A fresh client id each run: the load test may have used up this minute's allowance, so accept 202 or 429 first.
        var id = Guid.NewGuid().ToString("N");
        using var first = await Post($"{{\"category\":\"website\",\"client_id\":\"{id}\"}}");
        using var again = await Post($"{{\"category\":\"website\",\"client_id\":\"{id}\"}}");
        using var large = await Post($"{{\"category\":\"app\",\"client_id\":\"{new string('x', 400)}\"}}");
        using var bad = await Post("{\"category\":\"billing\"}");

        Assert.Contains(first.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests });
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.True(again.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains(bad.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests });
    }

    [Fact]
    public async Task TimelineAndWaves_ReadToken_GiveTheContractDocuments()
    {
        using var client = Client(Read);
        var timeline = await client.GetStringAsync("/api/v1/timeline?from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z", TestContext.Current.CancellationToken);
        var waves = await client.GetStringAsync("/api/v1/outages/waves", TestContext.Current.CancellationToken);
        using var bad = await client.GetAsync("/api/v1/timeline?from=later", TestContext.Current.CancellationToken);
        using var anonymous = await Client(null).GetAsync("/api/v1/timeline", TestContext.Current.CancellationToken);

        Assert.Equal("breakwater.timeline/v1", JsonDocument.Parse(timeline).RootElement.GetProperty("schema").GetString());
        Assert.Equal("breakwater.waves/v1", JsonDocument.Parse(waves).RootElement.GetProperty("schema").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
