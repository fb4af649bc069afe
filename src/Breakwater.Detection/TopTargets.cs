using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>The destinations with the highest one-second peaks, in a fixed array (a cheap reject keeps it off the hot path).</summary>
internal sealed class TopTargets
{
    private readonly NetAddress[] _addresses;
    private readonly double[] _pps;
    private readonly double[] _bps;
    private int _used;
    private double _floor;

    public TopTargets(int capacity)
    {
        _addresses = new NetAddress[capacity];
        _pps = new double[capacity];
        _bps = new double[capacity];
    }

    public void Offer(NetAddress address, double pps, double bps)
    {
        if (_used == _addresses.Length && pps <= _floor)
        {
            return;
        }

        for (var i = 0; i < _used; i++)
        {
            if (_addresses[i] == address)
            {
                _pps[i] = Math.Max(_pps[i], pps);
                _bps[i] = Math.Max(_bps[i], bps);
                UpdateFloor();
                return;
            }
        }

        if (_used < _addresses.Length)
        {
            _addresses[_used] = address;
            _pps[_used] = pps;
            _bps[_used++] = bps;
        }
        else
        {
            var min = 0;
            for (var i = 1; i < _used; i++)
            {
                if (_pps[i] < _pps[min])
                {
                    min = i;
                }
            }

            _addresses[min] = address;
            _pps[min] = pps;
            _bps[min] = bps;
        }

        UpdateFloor();
    }

    public List<(NetAddress Address, double Pps, double Bps)> Top(int n)
    {
        var list = new List<(NetAddress, double, double)>();
        for (var i = 0; i < _used; i++)
        {
            list.Add((_addresses[i], _pps[i], _bps[i]));
        }

        list.Sort((a, b) => b.Item2 != a.Item2 ? b.Item2.CompareTo(a.Item2) : a.Item1.CompareTo(b.Item1));
        return list.Count > n ? list[..n] : list;
    }

    private void UpdateFloor()
    {
        if (_used < _addresses.Length)
        {
            _floor = 0;
            return;
        }

        var min = double.MaxValue;
        for (var i = 0; i < _used; i++)
        {
            min = Math.Min(min, _pps[i]);
        }

        _floor = min;
    }
}
