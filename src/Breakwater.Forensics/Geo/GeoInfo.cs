namespace Breakwater.Forensics.Geo;

/// <summary>What the databases say about one address; empty fields when a database has no answer.</summary>
public readonly record struct GeoInfo(string? Country, long Asn, string? AsnName)
{
    public bool HasCountry => Country is not null;

    public bool HasAsn => Asn != 0;
}
