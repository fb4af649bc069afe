using BenchmarkDotNet.Attributes;
using Breakwater.Forensics.Geo;
using Breakwater.Wire;

namespace Breakwater.Benchmarks.Forensics;

/// <summary>Country + ASN of 1 M distinct random IPv4 sources (the worst case: a forged flood's sample would be far smaller).</summary>
[MemoryDiagnoser]
public class GeoEnrichmentBenchmarks
{
    public const int Sources = 1_000_000;

    private GeoDatabase _geo = null!;
    private NetAddress[] _addresses = [];
    private GeoInfo[] _results = [];

    [GlobalSetup]
    public void Setup()
    {
        _geo = GeoDatabase.Open(GeoOptions.Default());
        _addresses = RandomSources(Sources, 42);
        _results = new GeoInfo[Sources];
    }

    [GlobalCleanup]
    public void Cleanup() => _geo.Dispose();

    [Benchmark(OperationsPerInvoke = Sources)]
    public void LookupManyMillionSources() => _geo.LookupMany(_addresses, _results);

    /// <summary>Distinct random IPv4 addresses (a multiplicative permutation of 0..n-1 spread over the space).</summary>
    public static NetAddress[] RandomSources(int n, int seed)
    {
        var random = new Random(seed);
        var offset = (uint)random.Next();
        var result = new NetAddress[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = NetAddress.FromV4(((uint)i * 2654435761u) + offset);
        }

        return result;
    }
}
