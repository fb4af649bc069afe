namespace Breakwater.Simulation;

/// <summary>Resolution of pcap record timestamps (the file magic says which).</summary>
public enum TimestampResolution
{
    Microseconds,
    Nanoseconds,
}
