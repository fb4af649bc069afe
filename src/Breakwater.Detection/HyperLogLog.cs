using System.Numerics;
using System.Runtime.CompilerServices;

namespace Breakwater.Detection;

/// <summary>
/// HyperLogLog distinct counter (Flajolet et al. 2007) over 64-bit hashes, with linear counting for small
/// cardinalities. Standard error ≈ 1.04 / √(2^precision): 0.81 % at precision 14 (16 KiB), 3.25 % at 10 (1 KiB).
/// </summary>
internal sealed class HyperLogLog
{
    private readonly byte[] _registers;
    private readonly int _precision;

    public HyperLogLog(int precision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 18);
        _precision = precision;
        _registers = new byte[1 << precision];
    }

    public int Precision => _precision;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - _precision));
        var rest = hash << _precision;
        var rank = rest == 0 ? (byte)(65 - _precision) : (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        ref var register = ref _registers[index];
        if (rank > register)
        {
            register = rank;
        }
    }

    public long Estimate()
    {
        var m = _registers.Length;
        var sum = 0.0;
        var zeros = 0;
        foreach (var r in _registers)
        {
            sum += 1.0 / (1UL << r);
            if (r == 0)
            {
                zeros++;
            }
        }

        var alpha = 0.7213 / (1 + (1.079 / m));
        var estimate = alpha * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0)
        {
            estimate = m * Math.Log((double)m / zeros);
        }

        return (long)Math.Round(estimate);
    }

    public void Clear() => Array.Clear(_registers);
}
