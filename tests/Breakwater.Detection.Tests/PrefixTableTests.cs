using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection.Tests;

public sealed class PrefixTableTests
{
    private static readonly PrefixTable Table = new(
    [
        new ProtectedNetwork(Prefix.Parse("198.51.0.0/16"), "a"),
        new ProtectedNetwork(Prefix.Parse("198.51.100.0/24"), "b"),
        new ProtectedNetwork(Prefix.Parse("203.0.113.128/25"), "c"),
        new ProtectedNetwork(Prefix.Parse("10.0.0.0/8"), "d"),
        new ProtectedNetwork(Prefix.Parse("2001:db8::/32"), "e"),
        new ProtectedNetwork(Prefix.Parse("2001:db8:5::/48"), "f"),
    ]);

    [Theory]
    [InlineData("198.51.100.7", 1)]
    [InlineData("198.51.7.7", 0)]
    [InlineData("203.0.113.200", 2)]
    [InlineData("203.0.113.5", -1)]
    [InlineData("10.200.1.1", 3)]
    [InlineData("11.0.0.1", -1)]
    [InlineData("2001:db8:5::1", 5)]
    [InlineData("2001:db8:6::1", 4)]
    [InlineData("2001:db9::1", -1)]
    [InlineData("::ffff:198.51.100.7", 1)]
    public void Match_Address_ReturnsLongestMatchingNetwork(string address, int expected)
    {
        var a = NetAddress.Parse(address);
        Assert.Equal(expected, Table.Match(a));
        if (expected >= 0)
        {
            Assert.True(Table.MayMatch(a));
        }
    }

    [Fact]
    public void MayMatch_AddressFarFromEveryNetwork_RejectsWithoutLookup()
    {
        Assert.False(Table.MayMatch(NetAddress.Parse("192.0.2.1")));
        Assert.False(Table.MayMatch(NetAddress.Parse("2a00::1")));
    }
}
