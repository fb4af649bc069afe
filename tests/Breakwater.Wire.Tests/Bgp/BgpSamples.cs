using System.Buffers;
using Breakwater.Wire;
using Breakwater.Wire.Bgp;

namespace Breakwater.Wire.Tests.Bgp;

/// <summary>One message of every kind Breakwater sends, for framing and golden tests.</summary>
internal static class BgpSamples
{
    public const uint Blackhole = 0xFFFF029A;

    public static BgpOpen Open => new()
    {
        AsNumber = 4_200_000_001,
        HoldTime = 90,
        BgpIdentifier = 0xC0000201,
        Families = [BgpFamily.Ipv4Unicast, BgpFamily.Ipv6Unicast, BgpFamily.Ipv4FlowSpec, BgpFamily.Ipv6FlowSpec],
        RouteRefresh = true,
        FourOctetAs = true,
    };

    public static FlowSpecRule SynFlood => new(false,
    [
        FlowSpecComponent.Destination(BgpPrefix.Parse("198.51.100.7/32")),
        FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(6)),
        FlowSpecComponent.Of(FlowSpecComponentType.TcpFlags,
            FlowSpecOperand.Bitmask(0x02, match: true), FlowSpecOperand.Bitmask(0x10, not: true, and: true)),
    ]);

    /// <summary>Every component type with numeric and bitmask operators.</summary>
    public static FlowSpecRule EveryComponent4 => new(false,
    [
        FlowSpecComponent.Destination(BgpPrefix.Parse("192.0.2.0/24")),
        FlowSpecComponent.Source(BgpPrefix.Parse("203.0.113.0/25")),
        FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(17), FlowSpecOperand.Equal(6)),
        FlowSpecComponent.Of(FlowSpecComponentType.Port, FlowSpecOperand.Numeric(FlowSpecOperand.Greater | FlowSpecOperand.EqualBit, 137),
            FlowSpecOperand.Numeric(FlowSpecOperand.Less | FlowSpecOperand.EqualBit, 139, and: true), FlowSpecOperand.Equal(8080)),
        FlowSpecComponent.Of(FlowSpecComponentType.DestinationPort, FlowSpecOperand.Equal(53)),
        FlowSpecComponent.Of(FlowSpecComponentType.SourcePort, FlowSpecOperand.Numeric(FlowSpecOperand.Less | FlowSpecOperand.Greater, 123)),
        FlowSpecComponent.Of(FlowSpecComponentType.IcmpType, FlowSpecOperand.Equal(8)),
        FlowSpecComponent.Of(FlowSpecComponentType.IcmpCode, FlowSpecOperand.Equal(0)),
        FlowSpecComponent.Of(FlowSpecComponentType.TcpFlags, FlowSpecOperand.Bitmask(0x12, match: true)),
        FlowSpecComponent.Of(FlowSpecComponentType.PacketLength, FlowSpecOperand.Numeric(FlowSpecOperand.Greater, 1000),
            FlowSpecOperand.Numeric(FlowSpecOperand.Less, 1500, and: true)),
        FlowSpecComponent.Of(FlowSpecComponentType.Dscp, FlowSpecOperand.Equal(46)),
        FlowSpecComponent.Of(FlowSpecComponentType.Fragment, FlowSpecOperand.Bitmask(0x02)),
    ]);

    public static FlowSpecRule EveryComponent6 => new(true,
    [
        FlowSpecComponent.Destination(BgpPrefix.Parse("2001:db8:1::/48")),
        FlowSpecComponent.Source(BgpPrefix.Parse("2001:db8:ffff::/64")),
        FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(17)),
        FlowSpecComponent.Of(FlowSpecComponentType.DestinationPort, FlowSpecOperand.Equal(123)),
        FlowSpecComponent.Of(FlowSpecComponentType.Fragment, FlowSpecOperand.Bitmask(0x04, not: true)),
        FlowSpecComponent.Of(FlowSpecComponentType.FlowLabel, FlowSpecOperand.Equal(0xABCDE)),
    ]);

    /// <summary>An IPv6 prefix matched from bit 16 on (RFC 8956 §3.1); tshark 4.0 misreads offsets, BIRD reads them.</summary>
    public static FlowSpecRule Offset6 => new(true,
    [
        FlowSpecComponent.Source(BgpPrefix.Parse("0:db8:ffff::/64"), offset: 16),
        FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(58)),
    ]);

    public static BgpUpdate BlackholeUpdate => new()
    {
        Origin = BgpUpdate.OriginIgp,
        AsPath = [4_200_000_001],
        NextHop = NetAddress.Parse("192.0.2.254"),
        Communities = [Blackhole, (65000u << 16) | 999],
        Nlri = [BgpPrefix.Parse("198.51.100.7/32")],
    };

    public static BgpUpdate Blackhole6Update => new()
    {
        AsPath = [4_200_000_001],
        Communities = [Blackhole],
        MpReach = BgpMpReach.Unicast(BgpFamily.Ipv6Unicast, NetAddress.Parse("2001:db8::fe"), [BgpPrefix.Parse("2001:db8:1::7/128")]),
    };

    public static BgpUpdate FlowSpecUpdate => new()
    {
        AsPath = [4_200_000_001],
        ExtendedCommunities = [FlowSpecAction.Discard, FlowSpecAction.MarkDscp(10)],
        MpReach = BgpMpReach.FlowSpec(BgpFamily.Ipv4FlowSpec, [SynFlood, EveryComponent4]),
    };

    public static BgpUpdate FlowSpec6Update => new()
    {
        AsPath = [4_200_000_001],
        ExtendedCommunities = [FlowSpecAction.TrafficRate(0, 125_000f), FlowSpecAction.Redirect(65000, 100)],
        MpReach = BgpMpReach.FlowSpec(BgpFamily.Ipv6FlowSpec, [EveryComponent6]),
    };

    public static BgpUpdate Withdraw => new()
    {
        Withdrawn = [BgpPrefix.Parse("198.51.100.7/32")],
        MpUnreach = new BgpMpUnreach(BgpFamily.Ipv4FlowSpec, [], [SynFlood]),
    };

    public static byte[] Bytes(Action<IBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>One of each message type, in a plausible order.</summary>
    public static IReadOnlyList<byte[]> Stream() =>
    [
        Bytes(Open.Write),
        Bytes(BgpKeepalive.Write),
        Bytes(w => BlackholeUpdate.Write(w, true)),
        Bytes(w => Blackhole6Update.Write(w, true)),
        Bytes(w => FlowSpecUpdate.Write(w, true)),
        Bytes(w => FlowSpec6Update.Write(w, true)),
        Bytes(w => Withdraw.Write(w, true)),
        Bytes(w => BgpRouteRefresh.Write(w, BgpFamily.Ipv4FlowSpec)),
        Bytes(new BgpNotification(BgpErrorCode.Cease, BgpErrorCode.AdministrativeShutdown, [1, 2]).Write),
    ];

    public static ReadOnlySpan<byte> Body(byte[] message) => message.AsSpan(BgpFraming.HeaderLength);
}
