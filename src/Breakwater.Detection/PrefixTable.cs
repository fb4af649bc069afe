using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Longest-prefix match over the protected networks: one hash lookup per distinct prefix length, longest first.</summary>
internal sealed class PrefixTable
{
    private readonly int[] _lengths;
    private readonly Dictionary<NetAddress, int>[] _byLength;

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
