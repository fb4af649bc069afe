using System.Runtime.CompilerServices;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Hosts that hold an analyser (pending or under attack), as a counting filter over a cheap address hash: one array
/// read tells the per-record path that a record's source is probably such a host, so that its answers can mark
/// its connections (<see cref="AnsweredFlows"/>). Empty most of the time, and then a single compare.
/// </summary>
internal sealed class HotSources
{
    private const int Shift = 64 - 14;

    private readonly ushort[] _counts = new ushort[1 << 14];

    public int Count { get; private set; }

    public void Add(NetAddress host)
    {
        _counts[Index(host)]++;
        Count++;
    }

    public void Remove(NetAddress host)
    {
        _counts[Index(host)]--;
        Count--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(NetAddress address) => _counts[Index(address)] != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(NetAddress address) => (int)(((address.Low ^ (address.High * 31)) * 0x9E37_79B9_7F4A_7C15UL) >> Shift);
}
