using BenchmarkDotNet.Running;
using Breakwater.Benchmarks.Forensics;

if (args is ["geo-enrichment"])
{
    GeoEnrichmentRun.Run(Console.Out);
    return;
}

if (args is ["bgp-rules", var birdAddress, var birdPort, var birdControl, var ruleCount])
{
    await Breakwater.Benchmarks.Bgp.BgpRulesRun.RunAsync(birdAddress, int.Parse(birdPort, System.Globalization.CultureInfo.InvariantCulture),
        birdControl, int.Parse(ruleCount, System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
