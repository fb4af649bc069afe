namespace Breakwater.Core.Forensics;

/// <summary>How concentrated the packets are among countries and ASNs (shares of packets; HHI = sum of squared shares, 0–1).</summary>
public sealed class Concentration
{
    public double CountryTop1 { get; init; }

    public double CountryTop5 { get; init; }

    public double CountryHerfindahl { get; init; }

    public double AsnTop1 { get; init; }

    public double AsnTop5 { get; init; }

    public double AsnHerfindahl { get; init; }
}
