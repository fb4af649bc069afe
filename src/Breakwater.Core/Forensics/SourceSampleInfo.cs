namespace Breakwater.Core.Forensics;

/// <summary>The bounded per-incident source sample behind the country and ASN shares.</summary>
public sealed class SourceSampleInfo
{
    /// <summary>Sources kept (all packets of each are counted).</summary>
    public int Sources { get; init; }

    /// <summary>Probability that a source is kept: 1 means every source of the analysed traffic is in the sample.</summary>
    public double Probability { get; init; }

    /// <summary>Half-width of the 95 % interval of a share near the largest country's, in share units.</summary>
    public double ShareError95 { get; init; }

    public required string Method { get; init; }
}
