using Breakwater.Wire;

namespace Breakwater.TestKit.Sinks;

/// <summary>Sums estimated real packets and bytes per destination, to compare with a reference tool's summary.</summary>
public readonly struct DestinationTotalsSink(Dictionary<NetAddress, (long Packets, long Bytes)> totals) : ITrafficSink
{
    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        var (packets, bytes) = totals.GetValueOrDefault(record.Destination);
        totals[record.Destination] = (packets + (long)record.ScaledPackets, bytes + (long)record.ScaledBytes);
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength)
    {
    }
}
