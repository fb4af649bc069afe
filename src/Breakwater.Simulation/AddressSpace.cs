using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>Random addresses: spoofed over the whole unicast space, or inside given prefixes.</summary>
internal static class AddressSpace
{
    /// <summary>A random public-looking IPv4 (not 0/8, 10/8, 127/8, multicast or reserved) or IPv6 in 2000::/3.</summary>
    public static NetAddress RandomUnicast(ref SimRandom random, bool ipv6)
    {
        if (ipv6)
        {
            var high = (random.NextUInt64() & 0x1FFF_FFFF_FFFF_FFFFUL) | 0x2000_0000_0000_0000UL;
            return new NetAddress(high, random.NextUInt64());
        }

        while (true)
        {
            var value = random.NextUInt32();
            var first = value >> 24;
            if (first is 0 or 10 or 127 or >= 224)
            {
                continue;
            }

            var low = value & 0xFF;
            if (low is 0 or 255)
            {
                continue;
            }

            return NetAddress.FromV4(value);
        }
    }

    /// <summary>A random host address inside <paramref name="prefix"/> (not the network or broadcast address of an IPv4 prefix).</summary>
    public static NetAddress RandomIn(ref SimRandom random, Prefix prefix)
    {
        var network = prefix.Network;
        if (prefix.IsIPv4)
        {
            var hostBits = 32 - prefix.Length;
            if (hostBits == 0)
            {
                return network;
            }

            var size = 1UL << hostBits;
            var offset = size <= 2 ? random.NextUInt64() % size : 1 + (random.NextUInt64() % (size - 2));
            return NetAddress.FromV4(network.V4 + (uint)offset);
        }

        var bits = 128 - prefix.Length;
        var high = network.High;
        var low = network.Low;
        if (bits >= 64)
        {
            high |= bits == 128 ? random.NextUInt64() : random.NextUInt64() & ((1UL << (bits - 64)) - 1);
            low = random.NextUInt64();
        }
        else if (bits > 0)
        {
            low |= random.NextUInt64() & ((1UL << bits) - 1);
        }

        return new NetAddress(high, low);
    }

    /// <summary>The n-th host of a prefix (1-based for IPv4 so .0 is skipped), for carpet-bombing target lists.</summary>
    public static NetAddress Host(Prefix prefix, ulong index)
    {
        var network = prefix.Network;
        return prefix.IsIPv4 ? NetAddress.FromV4(network.V4 + (uint)index) : new NetAddress(network.High, network.Low + index);
    }
}
