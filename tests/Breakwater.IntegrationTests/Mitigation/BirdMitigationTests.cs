using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Breakwater.IntegrationTests.Bgp;
using Breakwater.IntegrationTests.Storage;
using Breakwater.IntegrationTests.Support;
using Breakwater.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Breakwater.IntegrationTests.Mitigation;

/// <summary>
/// The whole path with real peers: a SYN flood replayed as sFlow into a real <c>breakwater run</c> in auto mode becomes
/// an incident, a FlowSpec rule set, and a route that BIRD 2 shows with the expected components and the discard action.
/// Killed with SIGKILL mid-mitigation, the daemon comes back and BIRD sees the same route again under the same
/// mitigation id; once the attack is over and the TTL passes, the route is withdrawn and nothing is left.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class BirdMitigationTests : IDisposable
{
    private const string Token = "mitigation-test-admin-0123456789";
    private readonly TempDirectory _dir = new();
    private readonly int _sflowPort = PeerProcess.FreeUdpPort();
    private readonly int _apiPort = FreeTcpPort();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SynFloodOverSFlow_FlowSpecInBird_SurvivesSigkill_WithdrawnAfterTtl()
    {
        Assert.SkipUnless(BirdPeer.IsInstalled, "BIRD 2 (bird, birdc) is not installed");
        await using var bird = await BirdPeer.StartAsync();
        var config = Config(bird);
        using var attack = Simulate(attackSeconds: 40);

        // 1. Detection → policy → BGP: the rule reaches BIRD.
        var daemon = await DaemonProcess.StartAsync(config, Ct, "listening for sflow");
        string mitigationId;
        try
        {
            var started = await daemon.WaitForEventAsync("incident.started", null, TimeSpan.FromSeconds(40), Ct);
            var announced = await daemon.WaitForEventAsync("mitigation.announced", null, TimeSpan.FromSeconds(20), Ct);
            var mitigation = announced.GetProperty("mitigation");
            mitigationId = mitigation.GetProperty("id").GetString()!;
            Assert.Equal("flowspec", mitigation.GetProperty("kind").GetString());
            Assert.Equal(started.GetProperty("incident").GetProperty("id").GetString(), mitigation.GetProperty("incident").GetString());
            Assert.Equal("198.51.100.7/32", mitigation.GetProperty("prefix").GetString());

            var routes = await bird.WaitForAsync("flowtab4", o => o.Contains("dst 198.51.100.7/32", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            AssertSynRule(routes);

            // The API shows it, with its audit trail.
            using var api = Api();
            var list = await api.GetStringAsync(new Uri("/api/v1/mitigations?state=active", UriKind.Relative), Ct);
            Assert.Contains(mitigationId, list, StringComparison.Ordinal);

            // 2. SIGKILL mid-mitigation: the session drops with the process, BIRD flushes the route …
            await daemon.KillAsync();
            await bird.WaitForAsync("flowtab4", o => !o.Contains("dst 198.51.100.7/32", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        }
        finally
        {
            await daemon.DisposeAsync();
        }

        // … and a restarted daemon announces the same mitigation again, from its store, within seconds.
        SqliteConnection.ClearAllPools();
        var watch = Stopwatch.StartNew();
        daemon = await DaemonProcess.StartAsync(config, Ct, "listening for sflow");
        try
        {
            var again = await bird.WaitForAsync("flowtab4", o => o.Contains("dst 198.51.100.7/32", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            AssertSynRule(again);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"route back after {watch.Elapsed}");
            var restored = await daemon.WaitForEventAsync("mitigation.announced", null, TimeSpan.FromSeconds(5), Ct);
            Assert.Equal(mitigationId, restored.GetProperty("mitigation").GetProperty("id").GetString());

            // 3. The attack ends; TTL (10 s) after its last second the route is withdrawn.
            await attack.StopAsync();
            var withdrawn = await daemon.WaitForEventAsync("mitigation.withdrawn", null, TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(mitigationId, withdrawn.GetProperty("mitigation").GetProperty("id").GetString());
            Assert.Contains("ttl", withdrawn.GetProperty("mitigation").GetProperty("reason").GetString()!, StringComparison.Ordinal);
            var after = await bird.WaitForAsync("flowtab4", o => !o.Contains("198.51.100.7", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            Assert.DoesNotContain("198.51.100.7", after, StringComparison.Ordinal);
            Assert.DoesNotContain("198.51.100.7", await bird.RoutesAsync("bwtab4"), StringComparison.Ordinal);
            Assert.Equal(0, await daemon.StopAsync(Ct));
        }
        finally
        {
            await daemon.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var store = new SqliteIncidentStore(_dir.File("store.db"));
        var audit = (await store.GetMitigationAuditAsync(mitigationId, Ct)).Select(a => a.Action).ToList();
        Assert.Equal(["announced", "restored", "withdrawn"], audit);
        Assert.Equal("withdrawn", (await store.GetMitigationAsync(mitigationId, Ct))!.State);
    }

    private static void AssertSynRule(string routes)
    {
        // RFC 8955 as BIRD prints it: SYN set, FIN/RST/ACK clear; traffic-rate 0 (discard).
        Assert.Contains("flow4 { dst 198.51.100.7/32; proto 6;", routes, StringComparison.Ordinal);
        Assert.Contains("tcp flags 0x2/0x2 && 0x0/0x15;", routes, StringComparison.Ordinal);
        Assert.Contains("(generic, 0x80060000, 0x0)", routes, StringComparison.Ordinal);
        Assert.Contains("BGP.as_path: 65000", routes, StringComparison.Ordinal);
    }

    private PeerProcess Simulate(int attackSeconds)
    {
        var scenario = _dir.File("attack.yaml");
        File.WriteAllText(scenario, string.Create(CultureInfo.InvariantCulture, $$"""
            scenario: bird-mitigation
            seed: 7
            start: 2025-03-10T09:00:00Z
            background: { pps: 200, clients: 200, servers: 10, prefix: 198.51.100.0/24 }
            attacks:
              - name: syn
                target: 198.51.100.7
                start: 1s
                duration: {{attackSeconds}}s
                pps: 12000
                vectors:
                  - { name: syn_flood, weight: 1.0, ports: [443] }
                sources: { spoofed: true }
            duration: {{attackSeconds + 2}}s
            """));
        return PeerProcess.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "breakwater.dll"), "simulate", scenario,
            "--export", "sflow", "--to", $"127.0.0.1:{_sflowPort}", "--sampling", "16");
    }

    private string Config(BirdPeer bird)
    {
        var path = _dir.File("breakwater.yaml");
        File.WriteAllText(path, $$"""
            networks:
              - { prefix: 198.51.100.0/24, group: web }
            groups:
              web: { thresholds: { pps: 4000 } }
            collectors:
              sflow: { listen: ["127.0.0.1:{{_sflowPort}}"] }
            detection: { quiet_seconds: 3 }
            storage: { sqlite: { path: store.db } }
            api:
              listen: "127.0.0.1:{{_apiPort}}"
              tokens: [ { name: ops, token: "{{Token}}", role: admin } ]
            bgp:
              local_as: 65000
              router_id: 192.0.2.1
              hold_time: 9s
              neighbors:
                - { address: {{bird.Address}}, port: {{bird.Port}}, remote_as: 65001, local_address: 127.0.0.1 }
            mitigation:
              mode: auto
              ttl: 10s
              flowspec: { action: discard, max_collateral: 0.05 }
            """);
        return path;
    }

    private HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_apiPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private static int FreeTcpPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
