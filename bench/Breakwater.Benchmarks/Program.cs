using BenchmarkDotNet.Running;
using Breakwater.Benchmarks.Forensics;

if (args is ["geo-enrichment", ..])
{
    // Optional count of distinct sources (default 1 M): a small one is a smoke run.
    GeoEnrichmentRun.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : GeoEnrichmentBenchmarks.Sources);
    return;
}

if (args is ["bgp-rules", var birdAddress, var birdPort, var birdControl, var ruleCount])
{
    await Breakwater.Benchmarks.Bgp.BgpRulesRun.RunAsync(birdAddress, int.Parse(birdPort, System.Globalization.CultureInfo.InvariantCulture),
        birdControl, int.Parse(ruleCount, System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return;
}

if (args is ["store-fill", var storePath, var incidents, var hosts, var minutes])
{
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    await Breakwater.Benchmarks.Storage.StoreFillRun.RunAsync(
        storePath, int.Parse(incidents, culture), int.Parse(hosts, culture), int.Parse(minutes, culture), Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
