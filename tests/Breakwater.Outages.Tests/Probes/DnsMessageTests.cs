using Breakwater.Outages.Probes;

namespace Breakwater.Outages.Tests.Probes;

public sealed class DnsMessageTests
{
    [Fact]
    public void WriteQuery_ExampleCom_MatchesRfc1035Layout()
    {
        var buffer = new byte[512];
        var length = DnsMessage.WriteQuery(buffer, 0x1234, "example.com", DnsMessage.TypeA);

        // Written out by hand from RFC 1035 §4.1: header, 7example3com0, type A, class IN.
        byte[] expected =
        [
            0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0,
            0x00, 0x01, 0x00, 0x01,
        ];
        Assert.Equal(expected, buffer[..length]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("ünïcode.example")]
    public void WriteQuery_InvalidName_WritesNothing(string name) => Assert.Equal(0, DnsMessage.WriteQuery(new byte[512], 1, name, 1));

    [Fact]
    public void TryReadResponse_NxDomain_GivesRcode()
    {
        byte[] reply = [0xAB, 0xCD, 0x81, 0x83, 0, 1, 0, 0, 0, 0, 0, 0];

        Assert.True(DnsMessage.TryReadResponse(reply, out var id, out var rcode, out var answers, out _));
        Assert.Equal(0xABCD, id);
        Assert.Equal("NXDOMAIN", DnsMessage.RcodeName(rcode));
        Assert.Equal(0, answers);
    }

    [Fact]
    public void TryReadResponse_QueryOrShortMessage_IsNotAResponse()
    {
        Assert.False(DnsMessage.TryReadResponse(new byte[5], out _, out _, out _, out _));
        Assert.False(DnsMessage.TryReadResponse(new byte[12], out _, out _, out _, out _));
    }
}
