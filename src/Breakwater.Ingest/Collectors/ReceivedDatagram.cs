using Breakwater.Wire;

namespace Breakwater.Ingest.Collectors;

/// <summary>One datagram in a pooled buffer, on its way from a listener to the decoder thread.</summary>
public readonly record struct ReceivedDatagram(byte[] Buffer, int Length, NetAddress Exporter, long ReceivedNanos, FlowProtocol Protocol, CollectorCounters Counters)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);
}
