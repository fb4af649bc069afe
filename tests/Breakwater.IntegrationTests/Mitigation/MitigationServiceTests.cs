using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.IntegrationTests.Support;
using Breakwater.Mitigation;
using Breakwater.Storage;
using Breakwater.Storage.Sqlite;
using Breakwater.Wire.Bgp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Breakwater.IntegrationTests.Mitigation;

/// <summary>
/// The mitigation policy and state machine against a real SQLite store, with a fake clock: approval, never-list, the cap,
/// escalation to a blackhole, TTL counted from the attack's last second, the kill switch, and reconciliation on start.
/// The speaker has a neighbour that never answers, so its route table is what would be sent.
/// </summary>
public sealed class MitigationServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 14, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly RecordingEvents _events = new();
    private SqliteIncidentStore? _store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteIncidentStore(_dir.File("store.db"));
        await _store.MigrateAsync(Ct);
    }

    [Fact]
    public async Task Approval_PendingUntilApproved_WithdrawnByOperator_NotRecreated()
    {
        await using var service = await StartAsync("mode: approval");
        service.OnStarted(Syn("i-1", "198.51.100.7"));
        await service.FlushAsync();
        var pending = Assert.Single(service.Live);
        Assert.Equal(MitigationStates.Pending, pending.State);
        Assert.Empty(service.Speaker!.Routes);
        Assert.Equal(MitigationEvents.Pending, _events.Names.Single());

        var approved = await service.ApproveAsync(pending.Id, "ops");
        Assert.True(approved.Ok, approved.Problem);
        var route = Assert.Single(service.Speaker.Routes);
        Assert.Equal("flow4 { destination 198.51.100.7/32; protocol =6; destination-port =443; tcp-flags =syn&!fin+rst+ack }", route.Rule!.ToString());
        Assert.Equal([FlowSpecAction.Discard], route.ExtendedCommunities);

        Assert.True((await service.WithdrawAsync(pending.Id, "ops")).Ok);
        Assert.Empty(service.Speaker.Routes);
        service.OnUpdated(Syn("i-1", "198.51.100.7"));
        await service.FlushAsync();
        Assert.Empty(service.Live);
        var audit = await _store!.GetMitigationAuditAsync(pending.Id, Ct);
        Assert.Equal(["pending", "approved", "withdrawn"], audit.Select(a => a.Action));
        Assert.Equal(["policy", "ops", "ops"], audit.Select(a => a.Actor));
    }

    [Fact]
    public async Task NeverList_Refused_NothingAnnounced_AuditSaysWhy()
    {
        await using var service = await StartAsync("mode: auto\n  never: [198.51.100.0/28]");
        service.OnStarted(Syn("i-2", "198.51.100.7"));
        await service.FlushAsync();
        Assert.Empty(service.Live);
        Assert.Empty(service.Speaker!.Routes);
        var refused = Assert.Single(await _store!.ListMitigationsAsync([MitigationStates.Refused], 10, Ct));
        Assert.Contains("never-list entry 198.51.100.0/28", MitigationJson.Deserialize(refused.Document)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cap_SecondIncidentRefused()
    {
        await using var service = await StartAsync("mode: auto\n  max_active: 1");
        service.OnStarted(Syn("i-3", "198.51.100.7"));
        service.OnStarted(Syn("i-4", "198.51.100.8"));
        await service.FlushAsync();
        Assert.Equal("i-3", Assert.Single(service.Live).Incident);
        var refused = Assert.Single(await _store!.ListMitigationsAsync([MitigationStates.Refused], 10, Ct));
        Assert.Contains("max_active", MitigationJson.Deserialize(refused.Document)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AboveRate_Blackhole_WithRfc7999Community()
    {
        await using var service = await StartAsync("mode: auto\n  blackhole: { above_pps: 10000, communities: [\"65000:999\"] }");
        var incident = Syn("i-5", "198.51.100.7");
        incident.PeakPps = 50_000;
        service.OnStarted(incident);
        await service.FlushAsync();
        var record = Assert.Single(service.Live);
        Assert.Equal(MitigationKinds.Blackhole, record.Kind);
        Assert.Contains("above_pps", record.Reason, StringComparison.Ordinal);
        var route = Assert.Single(service.Speaker!.Routes);
        Assert.Equal("198.51.100.7/32", route.Prefix.ToString());
        Assert.Equal([RouteBuilder.BlackholeCommunity, (65000u << 16) | 999], route.Communities);
    }

    [Fact]
    public async Task Ttl_CountsFromLastAttackSecond_ThenWithdrawn()
    {
        await using var service = await StartAsync("mode: auto\n  ttl: 60s");
        service.OnStarted(Syn("i-6", "198.51.100.7"));
        _time.Advance(TimeSpan.FromMinutes(5)); // the attack lasts: no expiry while the incident is open
        await service.FlushAsync();
        Assert.Single(service.Speaker!.Routes);

        var ended = Syn("i-6", "198.51.100.7");
        ended.End = _time.GetUtcNow();
        service.OnEnded(ended);
        _time.Advance(TimeSpan.FromSeconds(59));
        await service.FlushAsync();
        Assert.Single(service.Speaker.Routes);
        _time.Advance(TimeSpan.FromSeconds(2));
        await service.FlushAsync();
        Assert.Empty(service.Speaker.Routes);
        Assert.Equal([MitigationEvents.Announced, MitigationEvents.Withdrawn], _events.Names);
    }

    [Fact]
    public async Task KillSwitch_WithdrawsEverything()
    {
        await using var service = await StartAsync("mode: auto");
        service.OnStarted(Syn("i-7", "198.51.100.7"));
        service.OnStarted(Syn("i-8", "198.51.100.9"));
        await service.FlushAsync();
        Assert.Equal(2, service.Speaker!.Routes.Count);
        Assert.Equal(2, await service.WithdrawAllAsync("ops"));
        Assert.Empty(service.Speaker.Routes);
        Assert.Empty(service.Live);
        Assert.Equal(2, (await _store!.ListMitigationsAsync([MitigationStates.Withdrawn], 10, Ct)).Count);
    }

    [Fact]
    public async Task Restart_ReannouncesLive_WithdrawsExpired()
    {
        string keptId;
        await using (var first = await StartAsync("mode: auto\n  ttl: 60s"))
        {
            first.OnStarted(Syn("i-9", "198.51.100.7"));
            var ended = Syn("i-10", "198.51.100.9");
            first.OnStarted(ended);
            ended.End = T0.AddSeconds(-40);
            first.OnEnded(ended);
            await first.FlushAsync();
            keptId = first.Live.Single(r => r.Incident == "i-9").Id;
        }

        // Down for 30 s: i-10's mitigation expired meanwhile (60 s after its end, 40 s before the stop); i-9's has 30 s left.
        _time.Advance(TimeSpan.FromSeconds(30));
        await using var second = await StartAsync("mode: auto\n  ttl: 60s");
        Assert.Equal(keptId, Assert.Single(second.Live).Id);
        Assert.Single(second.Speaker!.Routes);
        var withdrawn = Assert.Single(await _store!.ListMitigationsAsync([MitigationStates.Withdrawn], 10, Ct));
        Assert.Equal("i-10", withdrawn.IncidentId);
        Assert.Contains("while the daemon was down", MitigationJson.Deserialize(withdrawn.Document)!.Reason, StringComparison.Ordinal);
    }

    private async Task<MitigationService> StartAsync(string mitigation)
    {
        var config = ConfigLoader.Parse($$"""
            networks: [ { prefix: 198.51.100.0/24, group: web } ]
            groups: { web: { thresholds: { pps: 4000 } } }
            bgp:
              local_as: 65000
              router_id: 192.0.2.1
              neighbors: [ { address: 127.0.0.1, port: {{PeerProcess.FreeUdpPort()}}, remote_as: 65001 } ]
            mitigation:
              {{mitigation}}
            """);
        var service = new MitigationService(config, _store, _events, _time);
        await service.StartAsync(Ct);
        return service;
    }

    /// <summary>A SYN flood incident with the rule set the engine writes for it.</summary>
    private static IncidentReport Syn(string id, string target) => new()
    {
        Id = id,
        Target = target,
        Group = "web",
        PeakPps = 20_000,
        Fingerprint = new FingerprintReport
        {
            Filter = "ip dst " + target,
            Rules =
            [
                new FingerprintRule
                {
                    Vectors = ["syn_flood"],
                    Bpf = $"ip dst {target} and tcp[tcpflags] & 0x17 == 0x02 and tcp dst port 443",
                    Nft = $"ip daddr {target} meta l4proto 6 tcp flags & (fin|syn|rst|ack) == syn tcp dport 443 counter drop",
                    Flowspec = new FlowSpecMatch { Destination = target + "/32", Protocol = [6], DestinationPort = [443], TcpFlags = "syn&!fin&!rst&!ack" },
                    Coverage = 1,
                    Collateral = 0.001,
                    FlowspecCollateral = 0.001,
                },
            ],
        },
    };

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class RecordingEvents : IMitigationEvents
    {
        private readonly List<string> _names = [];

        public List<string> Names
        {
            get
            {
                lock (_names)
                {
                    return [.. _names];
                }
            }
        }

        public void Publish(string name, MitigationRecord record)
        {
            lock (_names)
            {
                _names.Add(name);
            }
        }
    }
}
