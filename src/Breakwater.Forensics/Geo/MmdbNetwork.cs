using System.Net;
using Breakwater.Wire;

namespace Breakwater.Forensics.Geo;

/// <summary>Address ↔ MaxMind.Db conversions and the network range an answer covers (so sorted lookups can reuse it).</summary>
internal static class MmdbNetwork
{
    public static IPAddress ToIp(NetAddress address) => address.ToIPAddress();

    /// <summary>Last address of the network of <paramref name="prefixLength"/> bits holding <paramref name="address"/>.</summary>
    /// <remarks>MaxMind.Db reports IPv4 lookups' prefix lengths in IPv4 bits, IPv6 lookups' in IPv6 bits.</remarks>
    public static NetAddress NetworkEnd(NetAddress address, int prefixLength)
    {
        if (address.IsIPv4)
        {
            var bits = Math.Clamp(prefixLength, 0, 32);
            var host = bits == 32 ? 0u : uint.MaxValue >> bits;
            return NetAddress.FromV4(address.V4 | host);
        }

        var length = Math.Clamp(prefixLength, 0, 128);
        var value = ((UInt128)address.High << 64) | address.Low;
        var hostBits = length == 128 ? UInt128.Zero : UInt128.MaxValue >> length;
        value |= hostBits;
        return new NetAddress((ulong)(value >> 64), (ulong)value);
    }
}
