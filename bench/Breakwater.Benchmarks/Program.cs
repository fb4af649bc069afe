using BenchmarkDotNet.Running;
using Breakwater.Benchmarks.Forensics;

if (args is ["geo-enrichment", ..])
{
    // Optional count of distinct sources (default 1 M): a small one is a smoke run.
    GeoEnrichmentRun.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : GeoEnrichmentBenchmarks.Sources);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
