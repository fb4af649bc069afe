using Breakwater.Wire;

namespace Breakwater.Wire.Tests.Support;

/// <summary>Keeps every record and malformed report, in order.</summary>
public readonly struct CollectingSink(List<DecodedPacket> packets) : ITrafficSink
{
    public CollectingSink()
        : this([])
    {
    }

    public List<DecodedPacket> Packets { get; } = packets;

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload) =>
        Packets.Add(new DecodedPacket(record, MalformedReason.None, record.TimestampNanos, record.FrameLength, payload.ToArray()));

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) =>
        Packets.Add(new DecodedPacket(default, reason, timestampNanos, frameLength, []));
}
