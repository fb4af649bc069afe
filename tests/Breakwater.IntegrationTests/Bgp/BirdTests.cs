using Breakwater.Bgp;
using Breakwater.Wire;
using Breakwater.Wire.Bgp;

namespace Breakwater.IntegrationTests.Bgp;

/// <summary>
/// What a real router sees: BIRD 2 imports Breakwater's blackhole routes (RFC 7999 community, configured community and
/// next hop) and FlowSpec rules (components and actions), drops them when withdrawn, and gets them all back after a
/// restart of BIRD. Each test uses its own addresses, so the shared session can carry them all.
/// </summary>
[Collection(BirdCollection.Name)]
public sealed class BirdTests(BirdFixture fixture)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private BirdPeer Bird => fixture.Bird!;

    private BgpSpeaker Speaker => fixture.Speaker!;

    [Fact]
    public async Task Blackhole_Ipv4_CommunitiesAndNextHopInBird()
    {
        Assert.SkipUnless(BirdPeer.IsInstalled, "bird2 is not installed");
        var route = BgpRoute.Unicast(BgpPrefix.Parse("198.51.100.7/32"), NetAddress.Parse("192.0.2.254"), [0xFFFF029A, (65000u << 16) | 999]);

        Speaker.Announce(route);

        var output = await Bird.WaitForAsync("bwtab4", o => o.Contains("198.51.100.7/32", StringComparison.Ordinal), s_wait);
        Assert.Contains("198.51.100.7/32", output);
        Assert.Contains("BGP.community: (65535,666) (65000,999)", output);
        Assert.Contains("BGP.next_hop: 192.0.2.254", output);
        Assert.Contains("BGP.as_path: 65000", output);

        Speaker.Withdraw(route.Key);
        output = await Bird.WaitForAsync("bwtab4", o => !o.Contains("198.51.100.7/32", StringComparison.Ordinal), s_wait);
        Assert.DoesNotContain("198.51.100.7/32", output);
    }

    [Fact]
    public async Task Blackhole_Ipv6_HostRouteInBird()
    {
        Assert.SkipUnless(BirdPeer.IsInstalled, "bird2 is not installed");
        var route = BgpRoute.Unicast(BgpPrefix.Parse("2001:db8:7::7/128"), NetAddress.Parse("2001:db8::fe"), [0xFFFF029A]);

        Speaker.Announce(route);

        var output = await Bird.WaitForAsync("bwtab6", o => o.Contains("2001:db8:7::7/128", StringComparison.Ordinal), s_wait);
        Assert.Contains("2001:db8:7::7/128", output);
        Assert.Contains("BGP.community: (65535,666)", output);
        Assert.Contains("2001:db8::fe", output);
        Speaker.Withdraw(route.Key);
    }

    [Fact]
    public async Task FlowSpec_Ipv4SynFloodDiscard_ComponentsAndActionInBird()
    {
        Assert.SkipUnless(BirdPeer.IsInstalled, "bird2 is not installed");
        var rule = new FlowSpecRule(false,
        [
            FlowSpecComponent.Destination(BgpPrefix.Parse("198.51.100.9/32")),
            FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(6)),
            FlowSpecComponent.Of(FlowSpecComponentType.DestinationPort, FlowSpecOperand.Equal(80), FlowSpecOperand.Equal(443)),
            FlowSpecComponent.Of(FlowSpecComponentType.TcpFlags, FlowSpecOperand.Bitmask(0x02, match: true), FlowSpecOperand.Bitmask(0x10, not: true, and: true)),
            FlowSpecComponent.Of(FlowSpecComponentType.PacketLength, FlowSpecOperand.Numeric(FlowSpecOperand.Less | FlowSpecOperand.EqualBit, 100)),
            FlowSpecComponent.Of(FlowSpecComponentType.Fragment, FlowSpecOperand.Bitmask(0x02, not: true)),
        ]);
        var route = BgpRoute.FlowSpec(rule, [FlowSpecAction.Discard]);

        Speaker.Announce(route);

        var output = await Bird.WaitForAsync("flowtab4", o => o.Contains("198.51.100.9/32", StringComparison.Ordinal), s_wait);
        Assert.Contains("flow4 { dst 198.51.100.9/32; proto 6; dport 80,443; tcp flags 0x2/0x2 && 0x0/0x10; length <= 100; fragment !is_fragment; }", output);
        Assert.Contains("(generic, 0x80060000, 0x0)", output);
        Speaker.Withdraw(route.Key);
        output = await Bird.WaitForAsync("flowtab4", o => !o.Contains("198.51.100.9/32", StringComparison.Ordinal), s_wait);
        Assert.DoesNotContain("198.51.100.9/32", output);
    }

    [Fact]
    public async Task FlowSpec_Ipv6OffsetFlowLabelRateLimit_InBird()
    {
        Assert.SkipUnless(BirdPeer.IsInstalled, "bird2 is not installed");
        var rule = new FlowSpecRule(true,
        [
            FlowSpecComponent.Destination(BgpPrefix.Parse("2001:db8:9::/48")),
            FlowSpecComponent.Source(BgpPrefix.Parse("0:db8:ffff::/64"), offset: 16),
            FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(17)),
            FlowSpecComponent.Of(FlowSpecComponentType.SourcePort, FlowSpecOperand.Equal(123)),
            FlowSpecComponent.Of(FlowSpecComponentType.FlowLabel, FlowSpecOperand.Equal(0xABCDE)),
        ]);
        var route = BgpRoute.FlowSpec(rule, [FlowSpecAction.TrafficRate(0, 125_000f), FlowSpecAction.MarkDscp(10)]);

        Speaker.Announce(route);

        var output = await Bird.WaitForAsync("flowtab6", o => o.Contains("2001:db8:9::/48", StringComparison.Ordinal), s_wait);
        Assert.Contains("flow6 { dst 2001:db8:9::/48; src 0:db8:ffff::/64 offset 16; next header 17; sport 123; label 703710; }", output);
        Assert.Contains("(generic, 0x80060000, 0x47f42400)", output);
        Assert.Contains("(generic, 0x80090000, 0xa)", output);
        Speaker.Withdraw(route.Key);
    }

    [Fact]
    public async Task BirdRestart_SessionReturnsAndRoutesReannounced()
    {
        Assert.SkipUnless(BirdPeer.IsInstalled, "bird2 is not installed");
        var route = BgpRoute.Unicast(BgpPrefix.Parse("198.51.100.77/32"), NetAddress.Parse("192.0.2.254"), [0xFFFF029A]);
        Speaker.Announce(route);
        await Bird.WaitForAsync("bwtab4", o => o.Contains("198.51.100.77/32", StringComparison.Ordinal), s_wait);
        var before = Speaker.Peers[0].Counters.Established;

        await Bird.RestartAsync();

        var output = await Bird.WaitForAsync("bwtab4", o => o.Contains("198.51.100.77/32", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("198.51.100.77/32", output);
        Assert.True(Speaker.Peers[0].Counters.Established > before);
        Speaker.Withdraw(route.Key);
    }
}
