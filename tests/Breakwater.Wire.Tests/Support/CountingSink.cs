using Breakwater.Wire;

namespace Breakwater.Wire.Tests.Support;

/// <summary>Counts without allocating, for the zero-allocation tests.</summary>
public struct CountingSink : ITrafficSink
{
    public long Records { get; private set; }

    public long Malformed { get; private set; }

    public ulong Bytes { get; private set; }

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        Records++;
        Bytes += record.Bytes;
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) => Malformed++;
}
