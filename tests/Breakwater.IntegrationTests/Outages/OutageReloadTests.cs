using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Breakwater.Configuration;
using Breakwater.IntegrationTests.Api;
using Breakwater.IntegrationTests.Support;
using Breakwater.Outages.Probes;
using Breakwater.Server;
using Breakwater.Server.Outages;
using Microsoft.Extensions.DependencyInjection;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>
/// Hot reload of the outage sections on a daemon of its own: a new probe set replaces the running probes (the removed
/// probe is gone, the new one runs and comes up), and the intel files are read again, so a claim added to
/// <c>intel.files</c> is on <c>GET /api/v1/timeline</c> without a restart.
/// </summary>
public sealed class OutageReloadTests
{
    private const string Read = "read-token-outage-reload-0123456789";

    private static string Yaml(string probes, string intel) => $$"""
        api:
          listen: "127.0.0.1:0"
          tokens: [ { name: noc, token: {{Read}}, role: read } ]
        probes:
        {{probes}}
        intel: { files: [{{intel}}] }
        """;

    [Fact]
    public async Task Reload_NewProbeSetAndIntel_ProbesRestartAndTheTimelineHasTheNewClaim()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var open = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var claims = dir.File("claims.jsonl");
        await File.WriteAllTextAsync(claims, """
            {"time":"2025-03-10T15:00:00Z","actor":"FirstGroup","target":"x.com","window":{"start":"2025-03-10T09:00:00Z","end":"2025-03-10T12:00:00Z"},"source":"channel"}

            """, ct);
        var path = dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(path, Yaml($"  - {{ name: old, type: tcp, target: \"127.0.0.1:{PeerProcess.FreeUdpPort()}\", interval: 200ms, timeout: 100ms, retries: 0 }}", claims), ct);
        var events = new StringWriter();
        await using var server = await BreakwaterServer.CreateAsync(ConfigLoader.LoadFile(path), new ServerOptions { Events = TextWriter.Synchronized(events) }, ct);
        await server.StartAsync(ct);
        var outages = server.Services.GetRequiredService<OutageService>();
        Assert.Equal(["FirstGroup"], await ClaimActorsAsync(server, ct));

        // The new file: probe "old" is gone, probe "new" checks a port that is open; the claims file has a second claim.
        await File.AppendAllTextAsync(claims, """
            {"time":"2025-03-10T16:00:00Z","actor":"SecondGroup","target":"198.51.100.99","window":"2025-03-10T13:00:00Z/2025-03-10T14:00:00Z","source":"forum"}

            """, ct);
        await File.WriteAllTextAsync(path, Yaml($"  - {{ name: new, type: tcp, target: \"127.0.0.1:{open}\", interval: 200ms, timeout: 1s, retries: 0 }}", claims), ct);

        var up = await ServerFixture.WaitForAsync(
            () => Task.FromResult(outages.Probes.States() is [("new", ProbeState.Up, _)] ? "" : null), TimeSpan.FromSeconds(20));
        Assert.True(up is not null, $"probe 'new' did not come up alone; states: {string.Join(", ", outages.Probes.States())}");
        Assert.Equal(["new"], outages.Specs.Select(s => s.Name));
        var reloaded = events.ToString().Split('\n').First(l => l.Contains("\"config.reloaded\"", StringComparison.Ordinal));
        Assert.Contains("\"probes\"", reloaded, StringComparison.Ordinal);
        Assert.Equal(["FirstGroup", "SecondGroup"], await ClaimActorsAsync(server, ct));
        await server.StopAsync();
    }

    private static async Task<List<string?>> ClaimActorsAsync(BreakwaterServer server, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Read);
        var json = await client.GetStringAsync("/api/v1/timeline?from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z", ct);
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("actor").GetString())];
    }
}
