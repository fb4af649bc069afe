using MaxMind.Db;

namespace Breakwater.Forensics.Geo;

/// <summary>The <c>iso_code</c> of a GeoLite2/GeoIP2 <c>country</c> map.</summary>
internal sealed class IsoCodeRecord
{
    [MapKey("iso_code")]
    public string? IsoCode { get; init; }
}
