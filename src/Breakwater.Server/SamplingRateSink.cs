using Breakwater.Wire;

namespace Breakwater.Server;

/// <summary>Passes records on and remembers the highest sampling rate of one datagram (the exporter's current rate).</summary>
internal struct SamplingRateSink<TSink>(TSink inner) : ITrafficSink
    where TSink : struct, ITrafficSink
{
    private TSink _inner = inner;

    public uint MaxSamplingRate { get; private set; }

    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        if (record.SamplingRate > MaxSamplingRate)
        {
            MaxSamplingRate = record.SamplingRate;
        }

        _inner.OnRecord(ref record, payload);
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) =>
        _inner.OnMalformed(reason, timestampNanos, frameLength);
}
