using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Address equality with a seeded hash: prefixes are attacker-chosen keys (HashDoS).</summary>
internal sealed class SeededAddressComparer(ulong seed) : IEqualityComparer<NetAddress>
{
    public bool Equals(NetAddress x, NetAddress y) => x == y;

    public int GetHashCode(NetAddress obj) => (int)obj.Hash(seed);
}
