namespace Breakwater.Forensics.Geo;

/// <summary>Where the GeoIP data is: the <c>geoip:</c> config keys, or the default data folder.</summary>
public sealed record GeoOptions
{
    /// <summary>Default file names in the data folder (fetched by tools/fetch-geo-data).</summary>
    public const string DefaultCountryFile = "geo-whois-asn-country.mmdb";

    public static readonly IReadOnlyList<string> DefaultAsnFiles = ["asn-ipv4-num.csv", "asn-ipv6.csv"];

    /// <summary>A MaxMind-format country database (ip-location-db country MMDB, GeoLite2-Country, GeoIP2-Country/City).</summary>
    public string? CountryAsn { get; init; }

    /// <summary>ASN data: ip-location-db ASN CSV files, or a GeoLite2-ASN MMDB.</summary>
    public IReadOnlyList<string> AsnNames { get; init; } = [];

    /// <summary>The data folder: <c>$BREAKWATER_DATA</c>, else <c>data/</c> next to the repository the program runs from, else <c>./data</c>.</summary>
    public static string? FindDataDirectory()
    {
        var env = Environment.GetEnvironmentVariable("BREAKWATER_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env) ? env : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (File.Exists(Path.Combine(candidate, DefaultCountryFile)))
            {
                return candidate;
            }
        }

        var local = Path.Combine(Directory.GetCurrentDirectory(), "data");
        return Directory.Exists(local) ? local : null;
    }

    /// <summary>The default data set in the data folder, when it is there.</summary>
    public static GeoOptions Default()
    {
        var dir = FindDataDirectory();
        if (dir is null)
        {
            return new GeoOptions();
        }

        var country = Path.Combine(dir, DefaultCountryFile);
        return new GeoOptions
        {
            CountryAsn = File.Exists(country) ? country : null,
            AsnNames = [.. DefaultAsnFiles.Select(f => Path.Combine(dir, f)).Where(File.Exists)],
        };
    }
}
