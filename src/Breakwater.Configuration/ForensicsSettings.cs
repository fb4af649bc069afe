namespace Breakwater.Configuration;

/// <summary>
/// The <c>geoip</c> and <c>intel</c> sections: a user's own MaxMind-format country database and ASN data, and intel
/// files read at start. Paths are absolute (relative ones are resolved against the config file's folder).
/// </summary>
public sealed record ForensicsSettings
{
    /// <summary><c>geoip.country_asn</c>: a country MMDB (ip-location-db, GeoLite2/GeoIP2 Country or City); null: the default data.</summary>
    public string? CountryAsn { get; init; }

    /// <summary><c>geoip.asn_names</c>: ip-location-db ASN CSV files or a GeoLite2-ASN MMDB; empty: the default data.</summary>
    public IReadOnlyList<string> AsnNames { get; init; } = [];

    /// <summary><c>intel.files</c>: IP lists and botnet command logs (formats in docs/forensics.md).</summary>
    public IReadOnlyList<string> IntelFiles { get; init; } = [];

    /// <summary><c>intel.store</c>: where the daemon keeps intel imported through <c>POST /api/v1/intel</c>; null: beside the configuration.</summary>
    public string? IntelStore { get; init; }
}
