using System.Text;

namespace Breakwater.Detection.L7;

/// <summary>
/// Space-saving heavy hitters over short byte strings (paths, user agents): fixed capacity and fixed storage, the first
/// <see cref="MaxValueLength"/> bytes of each tracked value kept for the report. Nothing is allocated after construction.
/// </summary>
internal sealed class BytesTopK
{
    public const int MaxValueLength = 160;

    private readonly ulong[] _hashes;
    private readonly long[] _counts;
    private readonly long[] _errors;
    private readonly int[] _hits;
    private readonly int[] _lengths;
    private readonly byte[] _values;
    private int _used;

    public BytesTopK(int capacity)
    {
        _hashes = new ulong[capacity];
        _counts = new long[capacity];
        _errors = new long[capacity];
        _hits = new int[capacity];
        _lengths = new int[capacity];
        _values = new byte[capacity * MaxValueLength];
    }

    public void Add(ReadOnlySpan<byte> value, ulong hash, long weight = 1)
    {
        var min = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_hashes[i] == hash)
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

        var slot = _used < _hashes.Length ? _used++ : min;
        _errors[slot] = slot == min && _used == _hashes.Length && _hits[slot] > 0 ? _counts[slot] : 0;
        _counts[slot] = _errors[slot] + weight;
        _hashes[slot] = hash;
        _hits[slot] = 1;
        var kept = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
        kept.CopyTo(_values.AsSpan(slot * MaxValueLength));
        _lengths[slot] = kept.Length;
    }

    /// <summary>Heaviest values by guaranteed count; values met once since they entered are left out (random noise).</summary>
    public List<(string Value, long Count)> Top(int n, int minHits = 2)
    {
        var list = new List<(string, long)>(_used);
        for (var i = 0; i < _used; i++)
        {
            var guaranteed = _counts[i] - _errors[i];
            if (guaranteed > 0 && _hits[i] >= minHits)
            {
                list.Add((Encoding.UTF8.GetString(_values, i * MaxValueLength, _lengths[i]), guaranteed));
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
        Array.Clear(_counts);
        Array.Clear(_errors);
        Array.Clear(_hits);
        _used = 0;
    }
}
