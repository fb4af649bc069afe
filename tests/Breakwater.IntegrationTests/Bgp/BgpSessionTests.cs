using System.Net;
using Breakwater.Bgp;
using Breakwater.Wire;
using Breakwater.Wire.Bgp;
using Microsoft.Extensions.Time.Testing;

namespace Breakwater.IntegrationTests.Bgp;

/// <summary>
/// The speaker's FSM against a scripted neighbour on loopback, with timers on a <see cref="FakeTimeProvider"/>:
/// OPEN exchange, full table on establishment, incremental changes, keepalive and hold timers, reconnect, route
/// refresh, and the RFC 7606 reactions to hostile input (the speaker survives all of them).
/// </summary>
public sealed class BgpSessionTests : IAsyncLifetime
{
    private static readonly BgpRoute s_blackhole = BgpRoute.Unicast(BgpPrefix.Parse("198.51.100.7/32"), NetAddress.Parse("192.0.2.254"), [0xFFFF029A]);
    private static readonly BgpRoute s_flow = BgpRoute.FlowSpec(new FlowSpecRule(false,
    [
        FlowSpecComponent.Destination(BgpPrefix.Parse("198.51.100.8/32")),
        FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(17)),
    ]), [FlowSpecAction.Discard]);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-10T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeBgpNeighbor _neighbor = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private BgpSpeaker _speaker = null!;

    private CancellationToken Token => _timeout.Token;

    private BgpPeer Peer => _speaker.Peers[0];

    public ValueTask InitializeAsync()
    {
        _speaker = new BgpSpeaker(new BgpSpeakerOptions
        {
            LocalAs = 65000,
            RouterId = IPAddress.Parse("192.0.2.1"),
            HoldTime = TimeSpan.FromSeconds(90),
            Neighbors = [new BgpNeighborOptions { Address = IPAddress.Loopback, Port = _neighbor.Port, RemoteAs = 65001 }],
        }, _time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _speaker.DisposeAsync();
        await _neighbor.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Established_WholeTableThenEachChange()
    {
        _speaker.Announce(s_blackhole);
        _speaker.Start();
        await _neighbor.AcceptAsync(Token);

        var open = await _neighbor.HandshakeAsync(65001, 9, Token);

        Assert.Equal(65000u, open.AsNumber);
        Assert.True(open.FourOctetAs && open.RouteRefresh);
        Assert.Equal(4, open.Families.Count);
        var first = await ReadUpdateAsync();
        Assert.Equal([s_blackhole.Prefix!.Value], first.Nlri);
        Assert.Equal([0xFFFF029A], first.Communities);
        Assert.Equal([65000u], first.AsPath);
        await Peer.WaitForStateAsync(BgpPeerState.Established, Token);

        _speaker.Announce(s_flow);
        var flow = await ReadUpdateAsync();
        Assert.Equal([s_flow.Rule!], flow.MpReach!.Rules);
        Assert.Equal([FlowSpecAction.Discard], flow.ExtendedCommunities);

        _speaker.Withdraw(s_flow.Key);
        var withdrawal = await ReadUpdateAsync();
        Assert.Equal([s_flow.Rule!], withdrawal.MpUnreach!.Rules);
    }

    [Fact]
    public async Task Keepalive_EveryThirdOfNegotiatedHoldTime()
    {
        _speaker.Start();
        await _neighbor.AcceptAsync(Token);
        await _neighbor.HandshakeAsync(65001, 9, Token);
        await Peer.WaitForStateAsync(BgpPeerState.Established, Token);

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(BgpMessageType.Keepalive, (await _neighbor.ReadAsync(Token)).Type);
    }

    [Fact]
    public async Task HoldTimer_SilentNeighbour_NotificationThenReconnectAndTableAgain()
    {
        _speaker.Announce(s_blackhole);
        _speaker.Start();
        await _neighbor.AcceptAsync(Token);
        await _neighbor.HandshakeAsync(65001, 9, Token);
        await ReadUpdateAsync();

        _time.Advance(TimeSpan.FromSeconds(9));

        var notification = await _neighbor.ReadUntilAsync(BgpMessageType.Notification, Token);
        Assert.Equal(BgpErrorCode.HoldTimerExpired, notification[0]);
        await Peer.WaitForStateAsync(BgpPeerState.Idle, Token);
        var accept = _neighbor.AcceptAsync(Token);
        _time.Advance(TimeSpan.FromSeconds(1));
        await accept;
        await _neighbor.HandshakeAsync(65001, 9, Token);
        Assert.Equal([s_blackhole.Prefix!.Value], (await ReadUpdateAsync()).Nlri);
        Assert.Equal(2, Peer.Counters.Established);
    }

    [Fact]
    public async Task Open_WrongRemoteAs_BadPeerAsNotification()
    {
        _speaker.Start();
        await _neighbor.AcceptAsync(Token);

        await _neighbor.ReadAsync(Token);
        await _neighbor.SendAsync(FakeBgpNeighbor.Message(new BgpOpen { AsNumber = 64999, HoldTime = 9, BgpIdentifier = 1, FourOctetAs = true }.Write), Token);

        var (type, body) = await _neighbor.ReadAsync(Token);
        Assert.Equal(BgpMessageType.Notification, type);
        Assert.Equal([BgpErrorCode.OpenMessage, BgpErrorCode.BadPeerAs], body[..2]);
    }

    [Fact]
    public async Task RouteRefresh_FromNeighbour_ThatFamilySentAgain()
    {
        _speaker.Announce(s_blackhole);
        _speaker.Announce(s_flow);
        _speaker.Start();
        await _neighbor.AcceptAsync(Token);
        await _neighbor.HandshakeAsync(65001, 9, Token);
        await ReadUpdateAsync();
        await ReadUpdateAsync();

        await _neighbor.SendAsync(FakeBgpNeighbor.Message(w => BgpRouteRefresh.Write(w, BgpFamily.Ipv4FlowSpec)), Token);

        Assert.Equal([s_flow.Rule!], (await ReadUpdateAsync()).MpReach!.Rules);
    }

    [Fact]
    public async Task HostileUpdate_TreatAsWithdraw_SessionStaysUp()
    {
        _speaker.Start();
        await _neighbor.AcceptAsync(Token);
        await _neighbor.HandshakeAsync(65001, 9, Token);
        await Peer.WaitForStateAsync(BgpPeerState.Established, Token);

        // ORIGIN value 7 (RFC 7606 §7.1: treat-as-withdraw).
        await _neighbor.SendAsync(Update([0x40, 1, 1, 7, 0x40, 2, 0, 0x40, 3, 4, 10, 0, 0, 1], [24, 10, 1, 2]), Token);
        await _neighbor.SendAsync(FakeBgpNeighbor.Message(BgpKeepalive.Write), Token);
        _speaker.Announce(s_blackhole);

        Assert.Equal([s_blackhole.Prefix!.Value], (await ReadUpdateAsync()).Nlri);
        // The receive loop and the announcement run independently: wait for the count rather than race it.
        for (var i = 0; i < 100 && Peer.Counters.TreatAsWithdraw == 0; i++)
        {
            await Task.Delay(50, Token);
        }

        Assert.Equal(1, Peer.Counters.TreatAsWithdraw);
        Assert.Equal(BgpPeerState.Established, Peer.State);
    }

    public static TheoryData<string, byte, byte> HostileBytes => new()
    {
        { "attribute length past the message", BgpErrorCode.UpdateMessage, BgpErrorCode.MalformedAttributeList },
        { "wrong marker", BgpErrorCode.MessageHeader, BgpErrorCode.ConnectionNotSynchronized },
        { "length 65535", BgpErrorCode.MessageHeader, BgpErrorCode.BadMessageLength },
        { "unknown type", BgpErrorCode.MessageHeader, BgpErrorCode.BadMessageType },
    };

    [Theory]
    [MemberData(nameof(HostileBytes))]
    public async Task HostileMessage_SessionResetWithNotification_SpeakerReconnects(string what, byte code, byte subcode)
    {
        _speaker.Start();
        await _neighbor.AcceptAsync(Token);
        await _neighbor.HandshakeAsync(65001, 9, Token);
        await Peer.WaitForStateAsync(BgpPeerState.Established, Token);

        await _neighbor.SendAsync(Hostile(what), Token);

        var body = await _neighbor.ReadUntilAsync(BgpMessageType.Notification, Token);
        Assert.Equal([code, subcode], body[..2]);
        await Peer.WaitForStateAsync(BgpPeerState.Idle, Token);
        var accept = _neighbor.AcceptAsync(Token);
        _time.Advance(TimeSpan.FromSeconds(1));
        await accept;
        await _neighbor.HandshakeAsync(65001, 9, Token);
        await Peer.WaitForStateAsync(BgpPeerState.Established, Token);
    }

    private static byte[] Hostile(string what)
    {
        var keepalive = FakeBgpNeighbor.Message(BgpKeepalive.Write);
        switch (what)
        {
            case "attribute length past the message":
                var update = Update([0x40, 1, 1, 0], []);
                update[22] = 0xFF;
                return update;
            case "wrong marker":
                keepalive[3] = 0;
                return keepalive;
            case "length 65535":
                keepalive[16] = 0xFF;
                keepalive[17] = 0xFF;
                return keepalive[..18];
            default:
                keepalive[18] = 42;
                return keepalive;
        }
    }

    private static byte[] Update(byte[] attributes, byte[] nlri)
    {
        byte[] body = [0, 0, (byte)(attributes.Length >> 8), (byte)attributes.Length, .. attributes, .. nlri];
        var message = new byte[19 + body.Length];
        BgpFraming.WriteHeader(message, message.Length, BgpMessageType.Update);
        body.CopyTo(message, 19);
        return message;
    }

    private async Task<BgpUpdate> ReadUpdateAsync()
    {
        var body = await _neighbor.ReadUntilAsync(BgpMessageType.Update, Token);
        Assert.True(BgpUpdate.TryDecode(body, true, out var update, out var verdict), verdict.ToString());
        Assert.True(verdict.IsAccept, verdict.ToString());
        return update;
    }
}
