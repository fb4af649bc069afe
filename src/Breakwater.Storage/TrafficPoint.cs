namespace Breakwater.Storage;

/// <summary>One bucket of a host's traffic: totals, average rates over the bucket, highest one-second rates, classes.</summary>
public sealed record TrafficPoint(
    DateTimeOffset Time, long Packets, long Bytes, double AveragePps, double AverageBps, long PeakPps, long PeakBps, TrafficClasses Classes);
