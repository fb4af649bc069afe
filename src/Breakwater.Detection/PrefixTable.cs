using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Longest-prefix match over the protected networks: one hash lookup per distinct prefix length, longest first.</summary>
internal sealed class PrefixTable
{
    private readonly int[] _lengths;
    private readonly Dictionary<NetAddress, int>[] _byLength;

    // Fast reject for unprotected destinations: one bit per IPv4 /16 and per top 16 bits of IPv6 that any network touches.
    private readonly ulong[] _v4Slash16 = new ulong[1024];
    private readonly ulong[] _v6Top16 = new ulong[1024];
    private readonly bool _v6CoversV4;

    public PrefixTable(IReadOnlyList<ProtectedNetwork> networks)
    {
        var lengths = networks.Select(n => n.Prefix.MappedLength).Distinct().OrderDescending().ToArray();
        _lengths = lengths;
        _byLength = new Dictionary<NetAddress, int>[lengths.Length];
        for (var i = 0; i < lengths.Length; i++)
        {
            _byLength[i] = [];
        }

        for (var n = 0; n < networks.Count; n++)
        {
            var p = networks[n].Prefix;
            var li = Array.IndexOf(lengths, p.MappedLength);

            // First definition wins for duplicates, like a configuration read top to bottom.
            _byLength[li].TryAdd(p.Network, n);
            if (p.IsIPv4)
            {
                Mark(_v4Slash16, p.Network.V4 >> 16, p.Length);
            }
            else
            {
                Mark(_v6Top16, (uint)(p.Network.High >> 48), p.Length);
                _v6CoversV4 |= p.Contains(NetAddress.FromV4(0));
            }
        }
    }

    /// <summary>False when no protected network can contain <paramref name="address"/> (a bit test, no hashing).</summary>
    public bool MayMatch(NetAddress address)
    {
        if (address.IsIPv4)
        {
            var top = address.V4 >> 16;
            return _v6CoversV4 || (_v4Slash16[top >> 6] & (1UL << (int)(top & 63))) != 0;
        }

        var high = (uint)(address.High >> 48);
        return (_v6Top16[high >> 6] & (1UL << (int)(high & 63))) != 0;
    }

    private static void Mark(ulong[] bits, uint top16, int length)
    {
        var count = length >= 16 ? 1u : 1u << (16 - length);
        var first = length >= 16 ? top16 : top16 & ~(count - 1);
        for (var i = first; i < first + count; i++)
        {
            bits[i >> 6] |= 1UL << (int)(i & 63);
        }
    }

    public bool IsEmpty => _lengths.Length == 0;

    /// <summary>Index of the longest matching network, or -1.</summary>
    public int Match(NetAddress address)
    {
        for (var i = 0; i < _lengths.Length; i++)
        {
            if (_byLength[i].TryGetValue(Prefix.Mask(address, _lengths[i]), out var index))
            {
                return index;
            }
        }

        return -1;
    }
}
