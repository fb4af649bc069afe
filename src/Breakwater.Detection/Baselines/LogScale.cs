namespace Breakwater.Detection.Baselines;

/// <summary>
/// Rates on a logarithmic scale: histogram buckets of a quarter octave (±9 %) for the hour being learned, and a
/// 16-bit code (1/1024 octave, ±0.07 %, up to 2^64) for the learned values, so that a host-week costs 7 KB, not 27.
/// </summary>
internal static class LogScale
{
    /// <summary>Quarter-octave buckets up to 2^48 per second (bit rates of 100 Gbit/s fit with room).</summary>
    public const int Buckets = 192;

    private const double CodeSteps = 1024;

    /// <summary>Bucket of a rate; 0 holds rates below 0.19 (nothing).</summary>
    public static int Bucket(double rate) => rate <= 0 ? 0 : Math.Min(Buckets - 1, (int)(Math.Log2(1 + rate) * 4));

    /// <summary>A representative rate of a bucket (its geometric middle).</summary>
    public static double BucketRate(int bucket) => bucket == 0 ? 0 : Math.Pow(2, (bucket + 0.5) / 4) - 1;

    public static ushort Encode(double rate) =>
        rate <= 0 ? (ushort)0 : (ushort)Math.Min(ushort.MaxValue, Math.Round(Math.Log2(1 + rate) * CodeSteps));

    public static double Decode(ushort code) => code == 0 ? 0 : Math.Pow(2, code / CodeSteps) - 1;
}
