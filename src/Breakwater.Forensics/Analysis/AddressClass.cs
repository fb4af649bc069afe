using Breakwater.Wire;

namespace Breakwater.Forensics.Analysis;

/// <summary>Special-purpose address blocks (RFC 6890 and IANA registries) that no real sender on the internet can use.</summary>
internal static class AddressClass
{
    private static readonly (uint Network, int Length, string Name)[] V4Bogons =
    [
        (0x00000000, 8, "this network 0/8"),
        (0x0A000000, 8, "private 10/8"),
        (0x64400000, 10, "shared CGN 100.64/10"),
        (0x7F000000, 8, "loopback 127/8"),
        (0xA9FE0000, 16, "link-local 169.254/16"),
        (0xAC100000, 12, "private 172.16/12"),
        (0xC0000000, 24, "IETF 192.0.0/24"),
        (0xC0000200, 24, "documentation 192.0.2/24"),
        (0xC0A80000, 16, "private 192.168/16"),
        (0xC6120000, 15, "benchmarking 198.18/15"),
        (0xC6336400, 24, "documentation 198.51.100/24"),
        (0xCB007100, 24, "documentation 203.0.113/24"),
        (0xE0000000, 4, "multicast 224/4"),
        (0xF0000000, 4, "reserved 240/4"),
    ];

    /// <summary>The bogon block holding <paramref name="address"/>, or null for an address that can be a real sender.</summary>
    public static string? Bogon(NetAddress address)
    {
        if (address.IsIPv4)
        {
            var v = address.V4;
            foreach (var (network, length, name) in V4Bogons)
            {
                if ((v & (uint.MaxValue << (32 - length))) == network)
                {
                    return name;
                }
            }

            return null;
        }

        // Global unicast is 2000::/3; 2001:db8::/32 is documentation.
        var top = address.High >> 61;
        if (top != 1)
        {
            return "IPv6 outside global unicast 2000::/3";
        }

        return (address.High >> 32) == 0x20010DB8 ? "documentation 2001:db8::/32" : null;
    }
}
