namespace Breakwater.Storage;

/// <summary>A host's traffic over a window, from the minute rollups: totals, average and highest one-second rates.</summary>
public sealed record HostRate(string Address, long Packets, long Bytes, double AveragePps, double AverageBps, long PeakPps, long PeakBps);
