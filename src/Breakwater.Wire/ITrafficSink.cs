namespace Breakwater.Wire;

/// <summary>
/// Receives decoded traffic records. Implemented by structs and passed as a generic argument so that the
/// decoder → counter path is inlined and allocates nothing.
/// </summary>
public interface ITrafficSink
{
    /// <summary>
    /// One record. <paramref name="payload"/> is the transport payload as captured (possibly cut by the snap
    /// length; empty for flows); it is only valid during the call.
    /// </summary>
    void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload);

    /// <summary>A packet that could not be decoded; counted, never thrown.</summary>
    void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength);
}
