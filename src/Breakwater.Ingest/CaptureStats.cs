using Breakwater.Wire;

namespace Breakwater.Ingest;

/// <summary>What a capture reader saw: totals for the analysis document's <c>input</c> object.</summary>
public sealed class CaptureStats
{
    private readonly long[] _malformed = new long[Enum.GetValues<MalformedReason>().Length];

    public long Packets { get; internal set; }

    /// <summary>Sum of original frame lengths.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Timestamp of the first packet, Unix nanoseconds; 0 when no packet was read.</summary>
    public long FirstNanos { get; internal set; }

    public long LastNanos { get; internal set; }

    /// <summary>Frames that are not IP (ARP, LLDP…): not malformed, not analysed.</summary>
    public long NonIp { get; internal set; }

    /// <summary>The file ended inside a record or block, or one could not be framed; everything before it was analysed.</summary>
    public bool Truncated { get; internal set; }

    /// <summary>
    /// Byte offset (in the decompressed capture) of the record or block where reading stopped early; -1 when it did
    /// not, or when the damage is not tied to one record (corrupt gzip data, a file cut inside its header).
    /// </summary>
    public long DamagedAt { get; private set; } = -1;

    /// <summary>Why framing stopped at <see cref="DamagedAt"/>; <see cref="MalformedReason.None"/> when the file simply ends inside the record.</summary>
    public MalformedReason DamageReason { get; private set; }

    public long Malformed => _malformed.Sum() - _malformed[(int)MalformedReason.NotIp];

    public long MalformedFor(MalformedReason reason) => _malformed[(int)reason];

    internal void MarkDamaged(long offset, MalformedReason reason)
    {
        Truncated = true;
        DamagedAt = offset;
        DamageReason = reason;
    }

    internal void CountMalformed(MalformedReason reason)
    {
        _malformed[(int)reason]++;
        if (reason == MalformedReason.NotIp)
        {
            NonIp++;
        }
    }
}
