namespace Breakwater.Storage;

/// <summary>
/// Traffic to one protected host in one minute (or part of one: rows for the same host and minute add up).
/// <see cref="Minute"/> is the minute's start in Unix seconds.
/// </summary>
public readonly record struct TrafficRollup(string Address, long Minute, long Packets, long Bytes, long PeakPps, long PeakBps, TrafficClasses Classes);
