using Breakwater.Wire.Bgp;

namespace Breakwater.Wire.Tests.Bgp;

/// <summary>FlowSpec NLRI against the RFC 8955 examples worked by hand, round trips of every component, and malformed NLRIs.</summary>
public sealed class FlowSpecTests
{
    [Fact]
    public void Write_Rfc8955Example1_DestinationProtocolPort()
    {
        // RFC 8955 §4.2.3 example 1: packets to 192.0.2.0/24 and TCP port 25.
        var rule = new FlowSpecRule(false,
        [
            FlowSpecComponent.Destination(BgpPrefix.Parse("192.0.2.0/24")),
            FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(6)),
            FlowSpecComponent.Of(FlowSpecComponentType.Port, FlowSpecOperand.Equal(25)),
        ]);

        Assert.Equal(Convert.FromHexString("0B01 18C00002 038106 048119".Replace(" ", "")), rule.ToBytes());
    }

    [Fact]
    public void Write_Rfc8955Example2_PortRangeOrValue()
    {
        // Example 2: to 192.0.2.0/24 from 203.0.113.0/24 and port {range [137, 139] or 8080}:
        // 03 = >=, 89 = 137; 45 = AND <=, 8b = 139; 91 = end, 2-octet, =, 1f90 = 8080.
        var rule = new FlowSpecRule(false,
        [
            FlowSpecComponent.Destination(BgpPrefix.Parse("192.0.2.0/24")),
            FlowSpecComponent.Source(BgpPrefix.Parse("203.0.113.0/24")),
            FlowSpecComponent.Of(FlowSpecComponentType.Port,
                FlowSpecOperand.Numeric(FlowSpecOperand.Greater | FlowSpecOperand.EqualBit, 137),
                FlowSpecOperand.Numeric(FlowSpecOperand.Less | FlowSpecOperand.EqualBit, 139, and: true),
                FlowSpecOperand.Equal(8080)),
        ]);

        var bytes = rule.ToBytes();

        Assert.Equal(Convert.FromHexString("12011 8C00002 0218CB0071 04038945 8B911F90".Replace(" ", "")), bytes);
        Assert.True(FlowSpecRule.TryParse(bytes, false, out var parsed, out var consumed, out _));
        Assert.Equal(rule, parsed);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal("flow4 { destination 192.0.2.0/24; source 203.0.113.0/24; port >=137&<=139,=8080 }", parsed!.ToString());
    }

    [Fact]
    public void Write_Ipv6DestinationAndFlowLabel_ByHand()
    {
        // RFC 8956 §3.1: type, length, offset, pattern; flow label (type 13) takes a 4-octet value.
        var rule = new FlowSpecRule(true,
        [
            FlowSpecComponent.Destination(BgpPrefix.Parse("2001:db8::/32")),
            FlowSpecComponent.Of(FlowSpecComponentType.FlowLabel, FlowSpecOperand.Equal(0x12345)),
        ]);

        Assert.Equal(Convert.FromHexString("0D 01200020010DB8 0DA100012345".Replace(" ", "")), rule.ToBytes());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryParse_EveryComponent_RoundTrips(bool ipv6)
    {
        var rule = ipv6 ? BgpSamples.EveryComponent6 : BgpSamples.EveryComponent4;
        var bytes = rule.ToBytes();

        Assert.True(FlowSpecRule.TryParse(bytes, ipv6, out var parsed, out var consumed, out var fault), fault.ToString());

        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(rule, parsed);
        Assert.Equal(rule.ToString(), parsed!.ToString());
    }

    [Fact]
    public void TryParse_Ipv6Offset_PatternCarriesOnlyBitsFromTheOffset()
    {
        var bytes = BgpSamples.Offset6.ToBytes();

        // type 2, length 64, offset 16, then 48 bits: 0db8 ffff 0000.
        Assert.Equal(Convert.FromHexString("0C 024010 0DB8FFFF0000 03813A".Replace(" ", "")), bytes);
        Assert.True(FlowSpecRule.TryParse(bytes, true, out var parsed, out _, out _));
        Assert.Equal(BgpSamples.Offset6, parsed);
    }

    [Fact]
    public void ToString_SynWithoutAck_ReadsLikeTheContract() =>
        Assert.Equal("flow4 { destination 198.51.100.7/32; protocol =6; tcp-flags =syn&!ack }", BgpSamples.SynFlood.ToString());

    [Fact]
    public void Write_NlriOf240OctetsOrMore_TwoOctetLength()
    {
        var ports = Enumerable.Range(1000, 80).Select(p => FlowSpecOperand.Equal((ulong)p)).ToArray();
        var rule = new FlowSpecRule(false, [FlowSpecComponent.Of(FlowSpecComponentType.DestinationPort, ports)]);
        var bytes = rule.ToBytes();

        Assert.Equal(0xF0, bytes[0] & 0xF0);
        Assert.Equal(bytes.Length - 2, ((bytes[0] & 0x0F) << 8) | bytes[1]);
        Assert.True(FlowSpecRule.TryParse(bytes, false, out var parsed, out _, out _));
        Assert.Equal(rule, parsed);
    }

    [Theory]
    [InlineData("08 038106 0118C00002", FlowSpecFault.BadOrder)]
    [InlineData("06 038106 038111", FlowSpecFault.BadOrder)]
    [InlineData("030E 8106", FlowSpecFault.UnknownType)]
    [InlineData("030D 8101", FlowSpecFault.UnknownType)]
    [InlineData("0501 21C0000201", FlowSpecFault.BadPrefix)]
    [InlineData("0303 8806", FlowSpecFault.BadOperator)]
    [InlineData("0403 0106 81", FlowSpecFault.ComponentTruncated)]
    [InlineData("0303 9106", FlowSpecFault.ComponentTruncated)]
    [InlineData("00", FlowSpecFault.Empty)]
    public void TryParse_MalformedIpv4Nlri_Fault(string hex, FlowSpecFault expected)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", ""));

        Assert.False(FlowSpecRule.TryParse(bytes, false, out _, out _, out var fault));

        Assert.Equal(expected, fault);
    }

    [Fact]
    public void TryParse_LengthPastData_Truncated()
    {
        Assert.False(FlowSpecRule.TryParse(Convert.FromHexString("0B0118C00002"), false, out _, out var consumed, out var fault));
        Assert.Equal(FlowSpecFault.Truncated, fault);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData(0x12, true)]
    [InlineData(0x02, false)]
    public void Operands_SynWithoutAck_MatchOnlyBareSyn(int flags, bool ackSet)
    {
        var component = BgpSamples.SynFlood.Components[2];
        var first = component.Operands[0].IsSatisfiedBy((ulong)flags, bitmask: true);
        var second = component.Operands[1].IsSatisfiedBy((ulong)flags, bitmask: true);

        Assert.True(first);
        Assert.Equal(!ackSet, second);
    }

    [Fact]
    public void Actions_EncodeAsRfc8955ExtendedCommunities()
    {
        Assert.Equal(0x8006_0000_0000_0000UL, FlowSpecAction.Discard);
        Assert.Equal(0x8006_FDE8_47F4_2400UL, FlowSpecAction.TrafficRate(65000, 125_000f)); // 125000.0f = 0x47F42400
        Assert.Equal(0x8008_FDE8_0000_0064UL, FlowSpecAction.Redirect(65000, 100));
        Assert.Equal(0x8009_0000_0000_002EUL, FlowSpecAction.MarkDscp(46));
        Assert.Equal(0x8007_0000_0000_0003UL, FlowSpecAction.TrafficAction(sample: true, terminal: true));
        Assert.Equal("discard", FlowSpecAction.Describe(FlowSpecAction.Discard));
        Assert.Equal("rate-limit 125000 B/s", FlowSpecAction.Describe(FlowSpecAction.TrafficRate(0, 125_000f)));
    }
}
