using System.Net;
using System.Text.Json;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.L7;

/// <summary>
/// A real nginx writes the logs; <c>breakwater analyze</c> reads them (the sample <c>main</c> format and JSON lines) and
/// finds a flood from few clients and a flood through many X-Forwarded-For proxies, names their top clients and paths,
/// and raises nothing on browsing. The deny include that <c>mitigation export --format nginx</c> writes is loaded by
/// that nginx: a listed client gets 403, others 200. Thresholds: <c>rps: 100</c>, so that a busy 2-core machine still
/// floods well over the line (the default of 500 is covered by the detector's unit tests).
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed partial class NginxTests(NginxFixture nginx) : IClassFixture<NginxFixture>
{
    private readonly NginxFixture _nginx = nginx;

    private const string Config = "groups:\n  default:\n    thresholds: { rps: 100 }\n";

    [Fact]
    public async Task Analyze_FloodFromFewClients_FindsItWithTopClientsAndPath()
    {
        Assert.SkipUnless(_nginx.Available, "nginx is not installed");
        var ct = TestContext.Current.CancellationToken;
        var flooders = Enumerable.Range(1, 3).Select(i => HttpLoad.Loopback(10, i)).ToList();
        var sent = await HttpLoad.FloodAsync(_nginx.Url("few"), flooders, TimeSpan.FromSeconds(5), workers: 6, i => $"/search?q={i}", null, ct);
        Assert.True(sent > 1000, $"only {sent} requests were sent in 5 s");

        foreach (var log in new[] { _nginx.Log("few"), _nginx.JsonLog("few") })
        {
            var incident = Assert.Single(await AnalyzeAsync(log, ct));
            Assert.Equal("http_flood", incident.GetProperty("vectors")[0].GetProperty("name").GetString());
            var http = incident.GetProperty("http");
            var top = http.GetProperty("top_clients").EnumerateArray().Take(3).Select(c => c.GetProperty("address").GetString()).Order();
            Assert.Equal(["127.0.10.1", "127.0.10.2", "127.0.10.3"], top);
            Assert.Equal("/search", http.GetProperty("top_paths")[0].GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task Analyze_FloodThroughManyProxies_FindsItWithProxyMarkers()
    {
        Assert.SkipUnless(_nginx.Available, "nginx is not installed");
        var ct = TestContext.Current.CancellationToken;
        var proxies = Enumerable.Range(1, 120).Select(i => HttpLoad.Loopback(20 + (i / 100), i % 100 + 1)).ToList();
        var sent = await HttpLoad.FloodAsync(_nginx.Url("proxies"), proxies, TimeSpan.FromSeconds(5), workers: 8, _ => "/", (request, i) =>
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"198.51.100.{i % 250 + 1}, 203.0.113.{i % 7 + 1}"), ct);
        Assert.True(sent > 1000, $"only {sent} requests were sent in 5 s");

        foreach (var log in new[] { _nginx.Log("proxies"), _nginx.JsonLog("proxies") })
        {
            var incident = Assert.Single(await AnalyzeAsync(log, ct));
            var http = incident.GetProperty("http");
            Assert.True(http.GetProperty("proxy_markers").GetProperty("forwarded_for_chains").GetDouble() > 0.99);
            Assert.True(http.GetProperty("unique_clients").GetInt64() >= 100);
            // Requests spread evenly over 120 proxies: no heavy hitter, so the busiest sampled clients are named.
            var top = http.GetProperty("top_clients").EnumerateArray().Select(c => c.GetProperty("address").GetString()!).ToList();
            Assert.Equal(10, top.Count);
            Assert.All(top, a => Assert.StartsWith("127.0.2", a, StringComparison.Ordinal));
            Assert.Equal("/", http.GetProperty("top_paths")[0].GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task Analyze_NormalBrowsing_RaisesNothing()
    {
        Assert.SkipUnless(_nginx.Available, "nginx is not installed");
        var ct = TestContext.Current.CancellationToken;
        var visitors = Enumerable.Range(1, 20).Select(i => HttpLoad.Loopback(30, i)).ToList();
        await HttpLoad.BrowseAsync(_nginx.Url("browse"), visitors, TimeSpan.FromSeconds(6), ct);

        Assert.True(File.ReadAllLines(_nginx.Log("browse")).Length > 60);
        Assert.Empty(await AnalyzeAsync(_nginx.Log("browse"), ct));
        Assert.Empty(await AnalyzeAsync(_nginx.JsonLog("browse"), ct));
    }

    [Fact]
    public async Task MitigationExportNginx_LoadedByNginx_Denies403ListedClientOthers200()
    {
        Assert.SkipUnless(_nginx.Available, "nginx is not installed");
        var ct = TestContext.Current.CancellationToken;
        var flooder = HttpLoad.Loopback(40, 1);
        var allowed = HttpLoad.Loopback(40, 2);
        var bystander = HttpLoad.Loopback(40, 3);
        await HttpLoad.FloodAsync(_nginx.Url("deny"), [flooder, allowed], TimeSpan.FromSeconds(4), workers: 4, i => $"/?cb={i}", null, ct);
        await HttpLoad.StatusFromAsync(_nginx.Url("deny"), bystander, ct);

        using var dir = new TempDirectory();
        var analysis = dir.File("analysis.json");
        var analyzed = await CliRunner.RunAsync("analyze", _nginx.Log("deny"), "--config", WriteConfig(dir), "--json", analysis);
        Assert.Equal(0, analyzed.ExitCode);
        var export = await CliRunner.RunAsync("mitigation", "export", "--format", "nginx", "--analysis", analysis,
            "--allow", "127.0.40.2/32", "--out", _nginx.DenyInclude);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains("deny 127.0.40.1;", File.ReadAllText(_nginx.DenyInclude), StringComparison.Ordinal);

        _nginx.Reload();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await HttpLoad.StatusFromAsync(_nginx.Url("deny"), flooder, ct) != 403 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        Assert.Equal(403, await HttpLoad.StatusFromAsync(_nginx.Url("deny"), flooder, ct));
        Assert.Equal(200, await HttpLoad.StatusFromAsync(_nginx.Url("deny"), allowed, ct));
        Assert.Equal(200, await HttpLoad.StatusFromAsync(_nginx.Url("deny"), bystander, ct));
    }

    private static string WriteConfig(TempDirectory dir)
    {
        var path = dir.File("breakwater.yaml");
        File.WriteAllText(path, Config);
        return path;
    }

    private static async Task<List<JsonElement>> AnalyzeAsync(string log, CancellationToken ct)
    {
        using var dir = new TempDirectory();
        var json = dir.File("analysis.json");
        var result = await CliRunner.RunAsync("analyze", log, "--config", WriteConfig(dir), "--json", json);
        Assert.True(result.ExitCode == 0, $"analyze {Path.GetFileName(log)} exited {result.ExitCode}: {result.Stderr}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json, ct));
        return [.. document.RootElement.GetProperty("incidents").EnumerateArray().Select(i => i.Clone())];
    }
}
