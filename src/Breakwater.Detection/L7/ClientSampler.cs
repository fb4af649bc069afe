using Breakwater.Wire;

namespace Breakwater.Detection.L7;

/// <summary>
/// Exact request counts for a uniform sample of clients (those whose hash falls under a level that halves whenever the
/// sample is full), so the requests-per-client distribution is known with fixed memory whatever the number of clients.
/// The sampled clients' addresses are kept too: when no client is heavy enough for the heavy-hitter table (a flood spread
/// evenly over more proxies than it holds), the busiest sampled clients are the top clients (all of them, exactly,
/// while there are fewer clients than the sample holds).
/// </summary>
internal sealed class ClientSampler
{
    private readonly Dictionary<ulong, (NetAddress Address, long Count)> _counts;
    private readonly int _capacity;
    private int _shift;

    public ClientSampler(int capacity)
    {
        _capacity = capacity;
        _counts = new Dictionary<ulong, (NetAddress, long)>(capacity + 1);
    }

    /// <summary>One in 2^<see cref="Shift"/> clients is in the sample.</summary>
    public int Shift => _shift;

    public int Count => _counts.Count;

    public void Add(ulong clientHash, NetAddress client)
    {
        if (!InSample(clientHash))
        {
            return;
        }

        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, clientHash, out _);
        entry = (client, entry.Count + 1);
        if (_counts.Count > _capacity)
        {
            Halve();
        }
    }

    /// <summary>The sampled clients' request counts, sorted ascending.</summary>
    public long[] SortedCounts()
    {
        var counts = _counts.Values.Select(v => v.Count).ToArray();
        Array.Sort(counts);
        return counts;
    }

    /// <summary>The busiest sampled clients (seen at least twice), busiest first.</summary>
    public List<(NetAddress Address, long Count)> Top(int n) =>
        [.. _counts.Values.Where(v => v.Count >= 2).OrderByDescending(v => v.Count).Take(n)];

    public void Clear()
    {
        _counts.Clear();
        _shift = 0;
    }

    private void Halve()
    {
        _shift++;
        foreach (var key in _counts.Keys)
        {
            if (!InSample(key))
            {
                _counts.Remove(key);
            }
        }
    }

    private bool InSample(ulong hash) => _shift == 0 || (hash >> (64 - Math.Min(_shift, 63))) == 0;
}
