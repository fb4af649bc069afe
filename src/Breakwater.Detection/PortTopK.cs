using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>Space-saving heavy hitters over 16-bit ports (see <see cref="AddressTopK"/>), small enough to scan.</summary>
internal sealed class PortTopK
{
    private const int Capacity = 12;
    private readonly ushort[] _keys = new ushort[Capacity];
    private readonly long[] _counts = new long[Capacity];
    private readonly long[] _errors = new long[Capacity];
    private int _used;

    public void Add(ushort port, long weight)
    {
        var min = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_keys[i] == port)
            {
                _counts[i] += weight;
                return;
            }

            if (_counts[i] < _counts[min])
            {
                min = i;
            }
        }

        if (_used < Capacity)
        {
            _keys[_used] = port;
            _counts[_used++] = weight;
            return;
        }

        _keys[min] = port;
        _errors[min] = _counts[min];
        _counts[min] += weight;
    }

    /// <summary>Top ports scaled to <paramref name="total"/> packets; ports under 1 % of the sample are noise of a random spread.</summary>
    public List<PortCount> Top(int n, long total)
    {
        long sampled = 0;
        for (var i = 0; i < _used; i++)
        {
            sampled += _counts[i];
        }

        var list = new List<PortCount>();
        if (sampled == 0)
        {
            return list;
        }

        var order = Enumerable.Range(0, _used).OrderByDescending(i => _counts[i] - _errors[i]).ThenBy(i => _keys[i]);
        var scale = (double)total / Math.Max(sampled, 1);
        foreach (var i in order)
        {
            if (list.Count == n)
            {
                break;
            }

            // Space-saving overestimates by at most the inherited error: only a guaranteed 2 % is a real heavy hitter,
            // so a random port spread reports no ports rather than five arbitrary ones.
            var guaranteed = _counts[i] - _errors[i];
            if (guaranteed * 50 < sampled)
            {
                continue;
            }

            list.Add(new PortCount(_keys[i], (long)Math.Round(guaranteed * scale)));
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
