using Breakwater.Wire;

namespace Breakwater.TestKit.Sinks;

/// <summary>Keeps every record and every malformed report, in order (allocation is fine in tests).</summary>
public readonly struct CollectingSink : ITrafficSink
{
    public CollectingSink()
    {
    }

    /// <summary>Everything handed to the sink: records and malformed reports, in arrival order.</summary>
    public List<DecodedPacket> Packets { get; } = [];

    /// <summary>Only the decoded records, in arrival order.</summary>
    public List<TrafficRecord> Records { get; } = [];

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        Records.Add(record);
        Packets.Add(new DecodedPacket(record, MalformedReason.None, record.TimestampNanos, record.FrameLength, payload.ToArray()));
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) =>
        Packets.Add(new DecodedPacket(default, reason, timestampNanos, frameLength, []));
}
