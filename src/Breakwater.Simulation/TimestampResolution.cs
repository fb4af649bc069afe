namespace Breakwater.Simulation;

/// <summary>Resolution of pcap record timestamps (the file magic says which).</summary>
internal enum TimestampResolution
{
    Microseconds,
    Nanoseconds,
}
