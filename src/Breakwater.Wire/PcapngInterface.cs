namespace Breakwater.Wire;

/// <summary>One pcapng Interface Description Block: how to decode and time-stamp the packets captured on it.</summary>
public readonly record struct PcapngInterface(LinkType LinkType, uint SnapLength, byte TimestampResolution, long TimestampOffsetSeconds)
{
    /// <summary>if_tsresol default: microseconds.</summary>
    public const byte DefaultResolution = 6;

    /// <summary>What <see cref="ToNanos"/> returns for a time stamp that does not fit Unix nanoseconds in 64 bits.</summary>
    public const long OutOfRange = long.MinValue;

    /// <summary>
    /// Converts a 64-bit pcapng timestamp in this interface's units to Unix nanoseconds; <see cref="OutOfRange"/> when
    /// the value overflows (a 64-bit count of microseconds reaches far past year 2262), instead of wrapping silently.
    /// </summary>
    public long ToNanos(ulong timestamp)
    {
        // if_tsresol: the top bit selects a negative power of 2, otherwise of 10.
        var exponent = TimestampResolution & 0x7F;
        UInt128 nanos;
        if ((TimestampResolution & 0x80) != 0)
        {
            nanos = exponent >= 64 ? 0 : ((UInt128)timestamp * 1_000_000_000UL) >> exponent;
        }
        else if (exponent <= 9)
        {
            nanos = (UInt128)timestamp * (ulong)Pow10(9 - exponent);
        }
        else
        {
            nanos = exponent > 28 ? 0 : timestamp / (ulong)Pow10(Math.Min(exponent - 9, 18));
        }

        var offset = (Int128)TimestampOffsetSeconds * 1_000_000_000L;
        var total = (Int128)nanos + offset;
        return total > long.MaxValue || total < long.MinValue + 1 ? OutOfRange : (long)total;
    }

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
