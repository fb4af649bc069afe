using System.Buffers.Binary;

namespace Breakwater.Simulation;

/// <summary>RFC 1071 Internet checksum, folded from 64-bit partial sums.</summary>
internal static class Checksum
{
    /// <summary>Adds <paramref name="data"/> (as big-endian 16-bit words) to a running sum; odd tails are zero-padded.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i + 8 <= data.Length)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(data[i..]);
            sum += (word >> 32) + (word & 0xFFFF_FFFFUL);
            i += 8;
        }

        while (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    public static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Fold(Add(0, data));
}
