using System.Net;
using System.Text.Json;
using Breakwater.Configuration;
using Breakwater.IntegrationTests.Support;
using Breakwater.Server;

namespace Breakwater.IntegrationTests.Api;

/// <summary>
/// Hot reload on a daemon of its own (the shared one keeps its tokens): a valid change applies without a restart and is
/// announced; an invalid one is refused with file, line and key, and the running configuration stays.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class HotReloadTests
{
    private const string NewToken = "rotated-token-0123456789abcdef";

    [Fact]
    public async Task Reload_ValidThenInvalid_AppliesTokensAndThresholds_ThenKeepsThemOnError()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var path = dir.File("breakwater.yaml");
        var port = PeerProcess.FreeUdpPort();
        await File.WriteAllTextAsync(path, ServerFixture.Yaml(port), ct);
        var events = new StringWriter();
        await using var server = await BreakwaterServer.CreateAsync(ConfigLoader.LoadFile(path), new ServerOptions { Events = TextWriter.Synchronized(events) }, ct);
        await server.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        // Valid: a rotated token replaces the read token, and the web group's threshold changes.
        var changed = ServerFixture.Yaml(port).Replace(ServerFixture.ReadToken, NewToken, StringComparison.Ordinal).Replace("pps: 3000", "pps: 7000", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, changed, ct);
        var reloaded = await WaitForEventAsync(events, "config.reloaded");
        Assert.NotNull(reloaded);
        var names = reloaded.Value.GetProperty("changed").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("api.tokens", names);
        Assert.Contains("groups", names);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, NewToken, "/api/v1/incidents"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, ServerFixture.ReadToken, "/api/v1/incidents"));
        Assert.Equal(7000, await ThresholdAsync(client));
        Assert.True(await ServerFixture.WaitForAsync(() => Task.FromResult(server.Daemon.Engine.Settings.Groups["web"].Thresholds.Pps == 7000 ? "" : null),
            TimeSpan.FromSeconds(5)) is not null, "the engine did not take the new threshold");

        // Invalid: an unknown key on line 6 is refused with file, line and key; everything stays as it was.
        await File.WriteAllTextAsync(path, changed.Replace("pps: 7000", "ppps: 9000", StringComparison.Ordinal), ct);
        var rejected = await WaitForEventAsync(events, "config.rejected");
        Assert.NotNull(rejected);
        var error = rejected.Value.GetProperty("error").GetString()!;
        Assert.Contains("breakwater.yaml line 6", error, StringComparison.Ordinal);
        Assert.Contains("'ppps'", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, NewToken, "/api/v1/incidents"));
        Assert.Equal(7000, await ThresholdAsync(client));
        Assert.Equal(7000, server.Daemon.Engine.Settings.Groups["web"].Thresholds.Pps);
        Assert.DoesNotContain(NewToken, events.ToString(), StringComparison.Ordinal);

        // A new API address needs a restart: the reload says so and the old one keeps serving.
        await File.WriteAllTextAsync(path, changed.Replace("127.0.0.1:0", "127.0.0.1:1", StringComparison.Ordinal), ct);
        var restart = await WaitForEventAsync(events, "config.reloaded", skip: 1);
        Assert.NotNull(restart);
        Assert.Contains("api.listen", restart.Value.GetProperty("restart_needed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, null, "/api/v1/health"));
        await server.StopAsync();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string? token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<int> ThresholdAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/config");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NewToken);
        using var response = await client.SendAsync(request);
        var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("config");
        return config.GetProperty("groups").GetProperty("web").GetProperty("thresholds").GetProperty("pps").GetInt32();
    }

    private static async Task<JsonElement?> WaitForEventAsync(StringWriter events, string name, int skip = 0)
    {
        var found = await ServerFixture.WaitForAsync(() =>
        {
            var match = events.ToString().Split('\n').Where(l => l.Contains($"\"event\":\"{name}\"", StringComparison.Ordinal)).Skip(skip).FirstOrDefault();
            return Task.FromResult(match is null ? null : new Holder(JsonDocument.Parse(match).RootElement.Clone()));
        }, TimeSpan.FromSeconds(15));
        return found?.Value;
    }

    private sealed record Holder(JsonElement Value);
}
