using MaxMind.Db;

namespace Breakwater.Forensics.Geo;

/// <summary>
/// A country MMDB record in either layout: ip-location-db's <c>country_code</c>, or MaxMind GeoLite2/GeoIP2's
/// <c>country.iso_code</c> (falling back to <c>registered_country.iso_code</c>).
/// </summary>
internal sealed class CountryRecord
{
    [MapKey("country_code")]
    public string? CountryCode { get; init; }

    [MapKey("country")]
    public IsoCodeRecord? Country { get; init; }

    [MapKey("registered_country")]
    public IsoCodeRecord? RegisteredCountry { get; init; }

    /// <summary>GeoIP2 databases that also carry the network's AS (e.g. GeoIP2-ISP / enterprise).</summary>
    [MapKey("autonomous_system_number")]
    public long? AutonomousSystemNumber { get; init; }

    [MapKey("autonomous_system_organization")]
    public string? AutonomousSystemOrganization { get; init; }

    public string? Code => CountryCode ?? Country?.IsoCode ?? RegisteredCountry?.IsoCode;
}
