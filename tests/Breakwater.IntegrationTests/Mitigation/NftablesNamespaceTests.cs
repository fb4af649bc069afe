using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.IntegrationTests.Support;
using Breakwater.Mitigation;

namespace Breakwater.IntegrationTests.Mitigation;

/// <summary>
/// The nftables rule set the daemon applies (<c>mitigation.nftables.apply</c>), applied by its own code inside a network
/// namespace this test makes: a packet that matches the rule is dropped, one that does not is delivered, and re-applying
/// with no mitigation leaves an empty chain (nothing stranded). The rule comes from <c>analyze</c> of a real NTP
/// amplification capture, so the whole path from packets to the filter is exercised.
/// </summary>
public sealed class NftablesNamespaceTests : IAsyncLifetime
{
    private readonly string _netns = "bw-bgp-" + Guid.NewGuid().ToString("N")[..8];
    private readonly TempDirectory _dir = new();
    private bool _created;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool Possible => Environment.UserName == "root" && PeerProcess.IsInstalled("nft") && PeerProcess.IsInstalled("ip");

    public async ValueTask InitializeAsync()
    {
        if (!Possible)
        {
            return;
        }

        await PeerProcess.RunAsync("ip", CancellationToken.None, "netns", "add", _netns);
        _created = true;
        await InNamespaceAsync("ip", "link", "set", "lo", "up");
        await InNamespaceAsync("ip", "addr", "add", "192.0.2.55/32", "dev", "lo");
    }

    [Fact]
    public async Task AppliedRuleSet_DropsMatchingPacket_PassesOthers_ClearsOnEmpty()
    {
        Assert.SkipUnless(Possible, "needs root, nft and ip");
        var json = _dir.File("ntp.json");
        var capture = Path.Combine(RepoPaths.Root, "tests/Breakwater.IntegrationTests/Captures/ntp-amplification-scapy.pcap");
        await PeerProcess.RunAsync("dotnet", Ct, Path.Combine(AppContext.BaseDirectory, "breakwater.dll"), "analyze", capture, "--json", json);
        var incident = AnalysisJson.Deserialize(await File.ReadAllTextAsync(json, Ct))!.Incidents.Single(i => i.Target == "192.0.2.55");
        var rule = Assert.Single(incident.Fingerprint!.Rules);
        Assert.Contains("udp sport 123", rule.Nft, StringComparison.Ordinal);

        var applier = new NftablesApplier(new NftablesSettings { Apply = true, Netns = _netns, Table = "breakwater" });
        var record = new MitigationRecord
        {
            Id = "m-test", Incident = incident.Id, Target = incident.Target, Kind = MitigationKinds.Nftables, Prefix = "192.0.2.55/32",
            Rules = incident.Fingerprint.Rules, Action = "drop", State = MitigationStates.Active, Reason = "test",
        };
        Assert.Null(await applier.ApplyAsync([record], Ct));

        // From source port 123 (the amplified NTP replies) is dropped; from 5123 is delivered.
        Assert.Equal("5123", await ExchangeAsync());
        var ruleset = await InNamespaceAsync("nft", "list", "table", "inet", "breakwater");
        Assert.Contains("comment \"m-test\"", ruleset, StringComparison.Ordinal);
        Assert.Matches(@"counter packets [1-9]", ruleset);

        // Applied again with nothing active: the table is empty and both packets pass.
        Assert.Null(await applier.ApplyAsync([], Ct));
        Assert.DoesNotContain("udp sport 123", await InNamespaceAsync("nft", "list", "table", "inet", "breakwater"), StringComparison.Ordinal);
        Assert.Equal("123,5123", await ExchangeAsync());
    }

    /// <summary>Sends one datagram from port 123 and one from 5123 to 192.0.2.55:40000 inside the namespace; the ports that arrived.</summary>
    private Task<string> ExchangeAsync()
    {
        const string Script = """
            import socket
            rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); rx.bind(("192.0.2.55", 40000)); rx.settimeout(0.5)
            for port in (123, 5123):
                tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); tx.bind(("192.0.2.55", port)); tx.sendto(b"x" * 40, ("192.0.2.55", 40000)); tx.close()
            got = []
            try:
                while True:
                    got.append(rx.recvfrom(100)[1][1])
            except socket.timeout:
                pass
            print(",".join(str(p) for p in sorted(got)))
            """;
        return InNamespaceTrimmedAsync("python3", "-c", Script);
    }

    private async Task<string> InNamespaceTrimmedAsync(params string[] command) => (await InNamespaceAsync(command)).Trim();

    private Task<string> InNamespaceAsync(params string[] command) =>
        PeerProcess.RunAsync("ip", Ct, ["netns", "exec", _netns, .. command]);

    public async ValueTask DisposeAsync()
    {
        if (_created)
        {
            await PeerProcess.RunAsync("ip", CancellationToken.None, "netns", "del", _netns);
        }

        _dir.Dispose();
    }
}
