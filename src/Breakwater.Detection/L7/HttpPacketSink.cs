using Breakwater.Wire;
using Breakwater.Wire.Http;

namespace Breakwater.Detection.L7;

/// <summary>
/// Packet path with layer 7: every record goes to the network engine, and a TCP segment whose payload starts with an
/// HTTP/1.x request line also goes to the HTTP flood detector (cleartext, one segment, no reassembly).
/// </summary>
public readonly struct HttpPacketSink<TInner>(TInner inner, HttpFloodDetector detector) : ITrafficSink
    where TInner : struct, ITrafficSink
{
    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        inner.OnRecord(ref record, payload);
        if (record.Protocol != 6 || payload.Length < 16 || (uint)(payload[0] - 'C') > 'T' - 'C')
        {
            return;
        }

        var entry = default(AccessLogEntry);
        entry.RequestMicros = -1;
        entry.UpstreamMicros = -1;
        if (HttpRequestParser.TryParse(payload, ref entry, out _))
        {
            entry.TimestampNanos = record.TimestampNanos;
            entry.Client = record.Source;
            detector.Add(ref entry, record.Destination, fromPacket: true);
        }
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) => inner.OnMalformed(reason, timestampNanos, frameLength);
}
