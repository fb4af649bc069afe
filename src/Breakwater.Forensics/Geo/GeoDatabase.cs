using MaxMind.Db;
using Breakwater.Wire;

namespace Breakwater.Forensics.Geo;

/// <summary>
/// Country and AS of source addresses from MaxMind-format databases (read with MaxMind.Db) and ip-location-db ASN
/// ranges. Opens what is there; with nothing, every lookup is empty and <see cref="Status"/> says why.
/// Batch lookups sort the addresses and reuse each answer for the rest of its database network.
/// </summary>
public sealed class GeoDatabase : IDisposable
{
    private readonly Reader? _country;
    private readonly Reader? _asnMmdb;
    private readonly AsnRanges? _asnRanges;

    private GeoDatabase(Reader? country, Reader? asnMmdb, AsnRanges? asnRanges, string status, IReadOnlyList<string> attribution)
    {
        _country = country;
        _asnMmdb = asnMmdb;
        _asnRanges = asnRanges;
        Status = status;
        Attribution = attribution;
    }

    public static GeoDatabase Empty { get; } = new(null, null, null, "no GeoIP database: countries and ASNs are not reported (run ./breakwater once to fetch the default data, or set geoip: in the configuration)", []);

    public bool HasCountry => _country is not null;

    public bool HasAsn => _asnMmdb is not null || _asnRanges is not null || (_country?.Metadata.DatabaseType.Contains("ISP", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Fraction of the IPv4 space in ASN ranges (0 without ASN ranges).</summary>
    public double RoutedV4Share => _asnRanges?.RoutedV4Share ?? 0;

    public bool IsEmpty => _country is null && _asnMmdb is null && _asnRanges is null;

    /// <summary>Which databases are loaded, in words.</summary>
    public string Status { get; }

    /// <summary>Credits the data's licences require (CC BY 4.0 for the ASN data), shown in every report.</summary>
    public IReadOnlyList<string> Attribution { get; }

    /// <summary>Opens the files named in <paramref name="options"/>; throws <see cref="GeoDatabaseException"/> naming a file that cannot be read.</summary>
    public static GeoDatabase Open(GeoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Reader? country = null;
        Reader? asnMmdb = null;
        AsnRanges? ranges = null;
        var parts = new List<string>();
        var credits = new List<string>();
        try
        {
            if (options.CountryAsn is { } path)
            {
                country = OpenReader(path);
                parts.Add($"countries from {Path.GetFileName(path)} ({country.Metadata.DatabaseType}, built {country.Metadata.BuildDate:yyyy-MM-dd})");
                credits.Add(path.Contains("geo-whois-asn-country", StringComparison.Ordinal)
                    ? "Country data: ip-location-db geo-whois-asn-country (CC0 1.0)."
                    : $"Country data: {country.Metadata.DatabaseType} (see its licence).");
            }

            var mmdbs = options.AsnNames.Where(p => p.EndsWith(".mmdb", StringComparison.OrdinalIgnoreCase)).ToList();
            var csvs = options.AsnNames.Except(mmdbs).ToList();
            if (mmdbs.Count > 0)
            {
                asnMmdb = OpenReader(mmdbs[0]);
                parts.Add($"ASNs from {Path.GetFileName(mmdbs[0])} ({asnMmdb.Metadata.DatabaseType})");
                credits.Add($"ASN data: {asnMmdb.Metadata.DatabaseType} (see its licence).");
            }
            else if (csvs.Count > 0)
            {
                ranges = LoadRanges(csvs);
                parts.Add($"ASNs from {string.Join(", ", csvs.Select(Path.GetFileName))} ({ranges.Ranges:N0} ranges)");
                credits.Add("ASN data: ip-location-db asn, CC BY 4.0, from RouteViews (routeviews.org), DB-IP (db-ip.com: IP to ASN Lite) and the NRO (nro.net).");
            }
        }
        catch
        {
            country?.Dispose();
            asnMmdb?.Dispose();
            throw;
        }

        if (parts.Count == 0)
        {
            return Empty;
        }

        return new GeoDatabase(country, asnMmdb, ranges, string.Join("; ", parts), credits);
    }

    public GeoInfo Lookup(NetAddress address) => Lookup(address, out _);

    /// <summary>Looks up many addresses; <paramref name="results"/>[i] answers <paramref name="addresses"/>[i].</summary>
    public void LookupMany(ReadOnlySpan<NetAddress> addresses, Span<GeoInfo> results)
    {
        if (results.Length < addresses.Length)
        {
            throw new ArgumentException("results must be at least as long as addresses.", nameof(results));
        }

        var order = new int[addresses.Length];
        var keys = addresses.ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var haveNetwork = false;
        var networkEnd = default(NetAddress);
        var country = default(GeoInfo);
        for (var i = 0; i < keys.Length; i++)
        {
            var address = keys[i];
            if (!haveNetwork || address > networkEnd || address.IsIPv4 != networkEnd.IsIPv4)
            {
                // The country answer holds for its whole network; the AS range is looked up per address (it is cheap).
                country = LookupCountry(address, out var prefix);
                networkEnd = prefix >= 0 ? MmdbNetwork.NetworkEnd(address, prefix) : address;
                haveNetwork = true;
            }

            var asn = LookupAsn(address, country);
            results[order[i]] = new GeoInfo(country.Country, asn.Asn, asn.AsnName);
        }
    }

    public void Dispose()
    {
        _country?.Dispose();
        _asnMmdb?.Dispose();
    }

    private GeoInfo Lookup(NetAddress address, out int prefix)
    {
        var country = LookupCountry(address, out prefix);
        var asn = LookupAsn(address, country);
        return new GeoInfo(country.Country, asn.Asn, asn.AsnName);
    }

    private GeoInfo LookupCountry(NetAddress address, out int prefix)
    {
        prefix = -1;
        if (_country is null)
        {
            return default;
        }

        var record = _country.Find<CountryRecord>(address.ToIPAddress(), out prefix);
        return record is null ? default : new GeoInfo(record.Code, record.AutonomousSystemNumber ?? 0, record.AutonomousSystemOrganization);
    }

    private GeoInfo LookupAsn(NetAddress address, GeoInfo fromCountry)
    {
        if (_asnRanges is not null)
        {
            return _asnRanges.TryFind(address, out var asn, out var name) ? new GeoInfo(null, asn, name) : default;
        }

        if (_asnMmdb is not null)
        {
            var record = _asnMmdb.Find<AsnRecord>(address.ToIPAddress());
            return record?.Number is { } n ? new GeoInfo(null, n, record.Organization) : default;
        }

        return fromCountry;
    }

    private static Reader OpenReader(string path)
    {
        try
        {
            return new Reader(path, FileAccessMode.Memory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDatabaseException)
        {
            throw new GeoDatabaseException($"cannot open the GeoIP database {path}: {e.Message}", e);
        }
    }

    private static AsnRanges LoadRanges(IReadOnlyList<string> paths)
    {
        try
        {
            return AsnRanges.Load(paths);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GeoDatabaseException($"cannot read the ASN file: {e.Message}", e);
        }
    }
}
