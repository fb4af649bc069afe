namespace Breakwater.Simulation;

/// <summary>Where generated frames go: a pcap file, or a flow exporter that samples and sends them.</summary>
public interface IFrameSink
{
    long Packets { get; }

    long Bytes { get; }

    void Write(long unixNanoseconds, ReadOnlySpan<byte> frame);
}
