namespace Breakwater.Wire;

/// <summary>One pcapng Interface Description Block: how to decode and time-stamp the packets captured on it.</summary>
public readonly record struct PcapngInterface(LinkType LinkType, uint SnapLength, byte TimestampResolution, long TimestampOffsetSeconds)
{
    /// <summary>if_tsresol default: microseconds.</summary>
    public const byte DefaultResolution = 6;

    /// <summary>Converts a 64-bit pcapng timestamp in this interface's units to Unix nanoseconds.</summary>
    public long ToNanos(ulong timestamp)
    {
        // if_tsresol: the top bit selects a negative power of 2, otherwise of 10.
        var exponent = TimestampResolution & 0x7F;
        long nanos;
        if ((TimestampResolution & 0x80) != 0)
        {
            nanos = exponent >= 64 ? 0 : (long)(ulong)(((UInt128)timestamp * 1_000_000_000UL) >> exponent);
        }
        else if (exponent <= 9)
        {
            nanos = (long)timestamp * Pow10(9 - exponent);
        }
        else
        {
            nanos = exponent > 28 ? 0 : (long)(timestamp / (ulong)Pow10(Math.Min(exponent - 9, 18)));
        }

        return nanos + (TimestampOffsetSeconds * 1_000_000_000L);
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
