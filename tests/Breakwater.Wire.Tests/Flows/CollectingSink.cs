namespace Breakwater.Wire.Tests.Flows;

/// <summary>A sink that keeps every record, for assertions (allocation is fine in tests).</summary>
internal struct CollectingSink : ITrafficSink
{
    public CollectingSink()
    {
    }

    public List<TrafficRecord> Records { get; } = [];

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload) => Records.Add(record);

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength)
    {
    }
}
