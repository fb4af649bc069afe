using Breakwater.Core;
using Breakwater.Forensics;
using Breakwater.Forensics.Geo;
using Breakwater.Forensics.Intel;

namespace Breakwater.Analysis;

/// <summary>
/// Runs forensics over an analysis document. The GeoIP files are opened only when there is an incident, so a
/// capture without attacks costs nothing extra. Throws <see cref="GeoDatabaseException"/> or
/// <see cref="IntelFormatException"/> for files the user named that cannot be read.
/// </summary>
public static class ForensicsStep
{
    /// <summary>Status line of the GeoIP data last used (for reports), or null before any run.</summary>
    public static (string Status, IReadOnlyList<string> Attribution) Apply(AnalysisDocument document, GeoOptions geoOptions, IntelSet? intel)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Incidents.Count == 0)
        {
            return ("not opened: no incident", []);
        }

        using var geo = GeoDatabase.Open(geoOptions);
        new ForensicsEnricher(geo, intel).Enrich(document);
        return (geo.Status, geo.Attribution);
    }

    /// <summary>GeoIP options from the configuration's <c>geoip</c> keys, else the default data folder.</summary>
    public static GeoOptions GeoOptionsFor(string? countryAsn, IReadOnlyList<string> asnNames)
    {
        var defaults = GeoOptions.Default();
        return new GeoOptions
        {
            CountryAsn = countryAsn ?? defaults.CountryAsn,
            AsnNames = asnNames.Count > 0 ? asnNames : defaults.AsnNames,
        };
    }
}
