using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Adapts <see cref="DetectionEngine"/> to the decoders' struct sink so the packet path inlines.</summary>
public readonly struct DetectionSink(DetectionEngine engine) : ITrafficSink
{
    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload) => engine.Add(ref record, payload);

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength)
    {
    }
}
