using Breakwater.Wire;

namespace Breakwater.TestKit.Sinks;

/// <summary>Counts without allocating, for the zero-allocation tests and benchmarks.</summary>
public struct CountingSink : ITrafficSink
{
    /// <summary>Records handed over (flow records or packets).</summary>
    public long Records { get; private set; }

    /// <summary>Estimated real packets: each record's packets times its sampling rate.</summary>
    public ulong Packets { get; private set; }

    /// <summary>Bytes as recorded (not scaled).</summary>
    public ulong Bytes { get; private set; }

    public long Malformed { get; private set; }

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        Records++;
        Packets += record.ScaledPackets;
        Bytes += record.Bytes;
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) => Malformed++;
}
