using System.Globalization;
using Breakwater.Forensics.Geo;
using Breakwater.Wire;
using MaxMind.Db;

namespace Breakwater.IntegrationTests.Forensics;

/// <summary>
/// Known answers read from the database files themselves: networks and their country straight from the MMDB's own
/// tree (MaxMind.Db's generic reader, not our record type), ASN ranges straight from the CSV lines.
/// </summary>
public sealed class GeoKnownAnswerTests
{
    [Fact]
    public void Lookup_NetworksListedInTheCountryMmdb_ReturnTheirCountry()
    {
        using var reader = new Reader(ForensicsData.CountryMmdb);
        using var geo = GeoDatabase.Open(new GeoOptions { CountryAsn = ForensicsData.CountryMmdb });
        var checkedNetworks = 0;
        var n = 0;
        foreach (var node in reader.FindAll<Dictionary<string, object>>())
        {
            if (n++ % 4999 != 0)
            {
                continue;
            }

            var expected = (string)node.Data["country_code"];
            var first = NetAddress.FromIPAddress(node.Start);
            Assert.Equal(expected, geo.Lookup(first).Country);
            checkedNetworks++;
        }

        Assert.True(checkedNetworks > 100, $"only {checkedNetworks} networks checked");
    }

    [Fact]
    public void Lookup_RangesListedInTheAsnCsv_ReturnTheirAsnAndName()
    {
        using var geo = GeoDatabase.Open(new GeoOptions { AsnNames = [ForensicsData.AsnV4Csv, ForensicsData.AsnV6Csv] });
        var checkedRanges = 0;
        foreach (var (path, numeric) in new[] { (ForensicsData.AsnV4Csv, true), (ForensicsData.AsnV6Csv, false) })
        {
            var lines = File.ReadLines(path).Where((_, i) => i % 2003 == 0);
            foreach (var line in lines)
            {
                var fields = Breakwater.Forensics.Intel.Csv.Split(line);
                var start = numeric ? NetAddress.FromV4(uint.Parse(fields[0], CultureInfo.InvariantCulture)) : NetAddress.Parse(fields[0]);
                var end = numeric ? NetAddress.FromV4(uint.Parse(fields[1], CultureInfo.InvariantCulture)) : NetAddress.Parse(fields[1]);
                var asn = long.Parse(fields[2], CultureInfo.InvariantCulture);
                Assert.Equal(asn, geo.Lookup(start).Asn);
                Assert.Equal(asn, geo.Lookup(end).Asn);
                Assert.False(string.IsNullOrEmpty(geo.Lookup(start).AsnName));
                checkedRanges++;
            }
        }

        Assert.True(checkedRanges > 200, $"only {checkedRanges} ranges checked");
    }

    [Fact]
    public void LookupMany_RandomAddresses_AgreesWithSingleLookups()
    {
        using var geo = GeoDatabase.Open(ForensicsData.Options);
        var random = new Random(7);
        var addresses = new NetAddress[20_000];
        for (var i = 0; i < addresses.Length; i++)
        {
            addresses[i] = i % 10 == 0
                ? new NetAddress(0x2000_0000_0000_0000UL | ((ulong)random.NextInt64() >> 3), (ulong)random.NextInt64())
                : NetAddress.FromV4((uint)random.NextInt64(0, 1L << 32));
        }

        var batch = new GeoInfo[addresses.Length];
        geo.LookupMany(addresses, batch);
        for (var i = 0; i < addresses.Length; i++)
        {
            Assert.Equal(geo.Lookup(addresses[i]), batch[i]);
        }

        // Random IPv4 addresses land in routed space about as often as the ranges cover the space.
        var routed = batch.Where((g, i) => addresses[i].IsIPv4 && g.HasAsn).Count() / (addresses.Length * 0.9);
        Assert.InRange(routed, geo.RoutedV4Share - 0.05, geo.RoutedV4Share + 0.05);
    }

    [Fact]
    public void Open_NoFiles_IsEmptyAndSaysSo()
    {
        using var geo = GeoDatabase.Open(new GeoOptions());
        Assert.True(geo.IsEmpty);
        Assert.Contains("no GeoIP database", geo.Status, StringComparison.Ordinal);
        Assert.Equal(default, geo.Lookup(NetAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void Open_DamagedMmdb_ThrowsNamingTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[4096]);
            var e = Assert.Throws<GeoDatabaseException>(() => GeoDatabase.Open(new GeoOptions { CountryAsn = path }));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lookup_WellKnownResolvers_AreInTheirOperatorsAsn()
    {
        // Independent answers: these resolvers' operators publish their AS numbers.
        using var geo = GeoDatabase.Open(ForensicsData.Options);
        Assert.Equal(15169, geo.Lookup(NetAddress.Parse("8.8.8.8")).Asn);
        Assert.Equal(13335, geo.Lookup(NetAddress.Parse("1.1.1.1")).Asn);
        Assert.Equal(19281, geo.Lookup(NetAddress.Parse("9.9.9.9")).Asn);
        Assert.Null(geo.Lookup(NetAddress.Parse("10.1.2.3")).Country);
    }
}
