namespace Breakwater.Wire.Tests.Flows;

/// <summary>Counts records without keeping them: for allocation checks.</summary>
internal struct CountingSink : ITrafficSink
{
    public long Records;
    public ulong Packets;

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        Records++;
        Packets += record.ScaledPackets;
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength)
    {
    }
}
