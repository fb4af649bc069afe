namespace Breakwater.Core.Forensics;

public sealed class CountryShare
{
    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    public required string Code { get; init; }

    public string? Name { get; init; }

    /// <summary>Estimated packets from this country (sampled packets scaled by the sample's probability).</summary>
    public long Packets { get; init; }

    /// <summary>Fraction of the incident's packets.</summary>
    public double Share { get; init; }

    public double BytesShare { get; init; }

    /// <summary>Sampled sources in this country.</summary>
    public int Sources { get; init; }
}
