using Breakwater.Forensics.Geo;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Forensics;

/// <summary>The default GeoIP/ASN data (fetched by ./run-tests and ./breakwater into data/) and the crafted captures.</summary>
internal static class ForensicsData
{
    public static string Directory => Environment.GetEnvironmentVariable("BREAKWATER_DATA") is { Length: > 0 } env ? env : Path.Combine(RepoPaths.Root, "data");

    public static string CountryMmdb => Require(GeoOptions.DefaultCountryFile);

    public static string AsnV4Csv => Require("asn-ipv4-num.csv");

    public static string AsnV6Csv => Require("asn-ipv6.csv");

    public static string Captures => Path.Combine(RepoPaths.Root, "tests", "Breakwater.IntegrationTests", "Forensics", "Captures");

    public static GeoOptions Options => new() { CountryAsn = CountryMmdb, AsnNames = [AsnV4Csv, AsnV6Csv] };

    private static string Require(string name)
    {
        var path = Path.Combine(Directory, name);
        Assert.True(File.Exists(path), $"{path} is missing: run tools/fetch-geo-data (./run-tests does) to fetch the default GeoIP/ASN data.");
        return path;
    }
}
