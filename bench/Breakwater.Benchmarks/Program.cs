using BenchmarkDotNet.Running;
using Breakwater.Benchmarks.Forensics;

if (args is ["geo-enrichment"])
{
    GeoEnrichmentRun.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
