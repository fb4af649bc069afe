using MaxMind.Db;

namespace Breakwater.Forensics.Geo;

/// <summary>A GeoLite2-ASN record.</summary>
internal sealed class AsnRecord
{
    [MapKey("autonomous_system_number")]
    public long? Number { get; init; }

    [MapKey("autonomous_system_organization")]
    public string? Organization { get; init; }
}
