using System.Diagnostics;
using System.Globalization;
using Breakwater.Forensics.Geo;

namespace Breakwater.Benchmarks.Forensics;

/// <summary>
/// <c>dotnet run -c Release --project bench/Breakwater.Benchmarks -- geo-enrichment [N]</c>: wall-clock time of enriching
/// N (default 1 M) distinct sources (open excluded, then included), five runs, for bench/forensics-enrichment.sh.
/// </summary>
internal static class GeoEnrichmentRun
{
    public static void Run(TextWriter output, int sources)
    {
        var open = Stopwatch.StartNew();
        using var geo = GeoDatabase.Open(GeoOptions.Default());
        open.Stop();
        output.WriteLine(geo.Status);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open: {open.Elapsed.TotalMilliseconds:0} ms"));
        var addresses = GeoEnrichmentBenchmarks.RandomSources(sources, 42);
        var results = new GeoInfo[addresses.Length];
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            geo.LookupMany(addresses, results);
            watch.Stop();
            var withCountry = results.Count(r => r.HasCountry);
            var withAsn = results.Count(r => r.HasAsn);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"run {run + 1}: {addresses.Length:N0} distinct sources in {watch.Elapsed.TotalSeconds:0.000} s ({withCountry:N0} with a country, {withAsn:N0} with an ASN)"));
        }
    }
}
