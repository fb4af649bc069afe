using System.IO.Hashing;

namespace Breakwater.Detection.L7;

/// <summary>
/// Requests per path class of one service in the current second, for <c>path_rps</c>: a fixed table of counters indexed
/// by the class's hash. Two classes that share a counter add up, which can only make the count higher (never hides a
/// flood). Allocation-free after construction; the hottest class's name is kept for the incident's reason.
/// </summary>
internal sealed class PathClassCounter
{
    private const int Slots = 256;
    private const int MaxName = 72;
    private readonly int[] _counts = new int[Slots];
    private readonly byte[] _hottest = new byte[MaxName];
    private int _hottestLength;

    /// <summary>Requests of the busiest path class this second.</summary>
    public int Max { get; private set; }

    /// <summary>Counts one request; returns its class's count so far this second.</summary>
    public int Add(ReadOnlySpan<byte> path, long seed)
    {
        Span<byte> buffer = stackalloc byte[MaxName];
        var length = PathClass.Of(path, buffer);
        var cls = buffer[..length];
        var slot = (int)(XxHash3.HashToUInt64(cls, seed) & (Slots - 1));
        var count = ++_counts[slot];
        if (count > Max)
        {
            Max = count;
            if (!cls.SequenceEqual(_hottest.AsSpan(0, _hottestLength)))
            {
                cls.CopyTo(_hottest);
                _hottestLength = length;
            }
        }

        return count;
    }

    /// <summary>The busiest class's name (allocates: call when an incident opens).</summary>
    public string HottestName => System.Text.Encoding.UTF8.GetString(_hottest, 0, _hottestLength);

    /// <summary>Starts a new second.</summary>
    public void Clear()
    {
        if (Max > 0)
        {
            Array.Clear(_counts);
            Max = 0;
        }
    }
}
