namespace Breakwater.Analysis;

/// <summary>
/// The capture clock across every input of one analysis. Records more than <see cref="Tolerance"/> older than the
/// newest one seen (a clock stepped back, files given out of order) and records outside what pcap can time-stamp are
/// counted and kept out of detection: fed in, they would put a decision before its onset and inflate peak rates.
/// </summary>
internal sealed class InputClock
{
    /// <summary>Interfaces merged into one pcapng file interleave within milliseconds; a second is far beyond that.</summary>
    public const long Tolerance = 1_000_000_000;

    /// <summary>Latest plausible time: pcap seconds are unsigned 32-bit (2106-02-07T06:28:15Z).</summary>
    public const long MaxNanos = uint.MaxValue * 1_000_000_000L;

    public long Newest { get; private set; } = long.MinValue;

    public long First { get; private set; } = long.MaxValue;

    /// <summary>Records accepted for detection.</summary>
    public long Accepted { get; private set; }

    public long OutOfOrder { get; private set; }

    public long OutOfRange { get; private set; }

    /// <summary>The largest step back seen, in nanoseconds.</summary>
    public long LargestStepBack { get; private set; }

    /// <summary>True when the record may go to detection; counts it otherwise.</summary>
    public bool Accept(long timestampNanos)
    {
        if (timestampNanos is < 0 or > MaxNanos)
        {
            OutOfRange++;
            return false;
        }

        if (Newest != long.MinValue && timestampNanos < Newest - Tolerance)
        {
            OutOfOrder++;
            LargestStepBack = Math.Max(LargestStepBack, Newest - timestampNanos);
            return false;
        }

        Newest = Math.Max(Newest, timestampNanos);
        First = Math.Min(First, timestampNanos);
        Accepted++;
        return true;
    }
}
