using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Space-saving heavy hitters over addresses (Metwally et al. 2005): fixed capacity, a new key replaces the
/// smallest counter and inherits its count, so true heavy hitters are never lost whatever the key spread.
/// </summary>
internal sealed class AddressTopK
{
    private readonly NetAddress[] _keys;
    private readonly long[] _counts;
    private readonly long[] _errors;
    private readonly int[] _hits;
    private int _used;

    public AddressTopK(int capacity)
    {
        _keys = new NetAddress[capacity];
        _counts = new long[capacity];
        _errors = new long[capacity];
        _hits = new int[capacity];
    }

    public void Add(NetAddress key, long weight)
    {
        var min = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_keys[i] == key)
            {
                _counts[i] += weight;
                _hits[i]++;
                return;
            }

            if (_counts[i] < _counts[min])
            {
                min = i;
            }
        }

        if (_used < _keys.Length)
        {
            _keys[_used] = key;
            _hits[_used] = 1;
            _counts[_used++] = weight;
            return;
        }

        _keys[min] = key;
        _hits[min] = 1;
        _errors[min] = _counts[min];
        _counts[min] += weight;
    }

    /// <summary>
    /// Heaviest keys by guaranteed count (count minus inherited error). Keys met only once since they entered are
    /// left out: under a spoofed flood they are random addresses, not sources worth listing.
    /// </summary>
    public List<(NetAddress Address, long Count)> Top(int n)
    {
        var list = new List<(NetAddress, long)>(_used);
        for (var i = 0; i < _used; i++)
        {
            var guaranteed = _counts[i] - _errors[i];
            if (guaranteed > 0 && _hits[i] >= 2)
            {
                list.Add((_keys[i], guaranteed));
            }
        }

        list.Sort((a, b) => b.Item2.CompareTo(a.Item2));
        if (list.Count > n)
        {
            list.RemoveRange(n, list.Count - n);
        }

        return list;
    }

    public void Clear()
    {
        _used = 0;
        Array.Clear(_counts);
        Array.Clear(_errors);
    }
}
