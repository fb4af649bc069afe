namespace Breakwater.Core.Forensics;

/// <summary>
/// Raw per-incident facts the detection engine hands to forensics (not serialised): a hash-sampled set of sources
/// with exact per-source counts, TTL and IP-ID statistics, attack-tool shape counters and the per-second series.
/// Bounded in size whatever the number of sources.
/// </summary>
public sealed class IncidentEvidence
{
    /// <summary>Sources whose seeded address hash fell under the sampling threshold, with every packet they sent.</summary>
    public IReadOnlyList<SampledSource> Sources { get; init; } = [];

    /// <summary>Probability that any one source is in <see cref="Sources"/> (1 until the sample overflowed).</summary>
    public double SampleProbability { get; init; } = 1;

    /// <summary>Packets counted by the per-record analysis (the denominator of the sample's shares).</summary>
    public long Packets { get; init; }

    public long Records { get; init; }

    /// <summary>Packets per IP TTL value (index = TTL).</summary>
    public IReadOnlyList<long> TtlPackets { get; init; } = [];

    public int DistinctSlash8 { get; init; }

    public long V4Packets { get; init; }

    /// <summary>IPv4 packets from 0/8, 10/8, 127/8 and 224/8 and above.</summary>
    public long BogonPackets { get; init; }

    public long IpIdZeroPackets { get; init; }

    /// <summary>Consecutive packet pairs of one sampled source whose IP-ID grew by 1 to 16 (a kernel's counter).</summary>
    public long IpIdIncrementPairs { get; init; }

    /// <summary>Consecutive packet pairs of one sampled source (the denominator of <see cref="IpIdIncrementPairs"/>).</summary>
    public long IpIdPairs { get; init; }

    /// <summary>Attack-tool shape counts: name (see <see cref="ShapeNames"/>) → packets with that shape.</summary>
    public IReadOnlyDictionary<string, long> Shapes { get; init; } = new Dictionary<string, long>();

    /// <summary>Per-vector packets per time bucket.</summary>
    public IncidentTimeline? Timeline { get; init; }
}
