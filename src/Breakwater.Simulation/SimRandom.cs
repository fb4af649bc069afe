namespace Breakwater.Simulation;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, allocation-free and identical on every runtime, so the same
/// seed gives the same capture byte for byte (System.Random's algorithm is not a documented contract).
/// </summary>
internal struct SimRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SimRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    public ushort NextUInt16() => (ushort)(NextUInt64() >> 48);

    /// <summary>Uniform in [0, bound) by multiply-shift (Lemire), no division on the hot path.</summary>
    public int Next(int bound) => (int)((NextUInt32() * (ulong)(uint)bound) >> 32);

    /// <summary>Uniform in [min, max] inclusive.</summary>
    public int Next(int min, int max) => min + Next(max - min + 1);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public static ulong Mix(ulong value)
    {
        return SplitMix(ref value);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
