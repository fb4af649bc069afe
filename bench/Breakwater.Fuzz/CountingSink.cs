using Breakwater.Wire;

namespace Breakwater.Fuzz;

/// <summary>Counts what a decoder delivers and touches every field a consumer would read.</summary>
internal struct CountingSink : ITrafficSink
{
    public long Records;
    public long Malformed;
    public ulong Checksum;

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        Records++;
        Checksum += record.Packets + record.Bytes + (ulong)payload.Length + record.Source.Low + record.Destination.Low;
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) => Malformed++;
}
