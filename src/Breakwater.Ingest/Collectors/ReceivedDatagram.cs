using Breakwater.Wire;

namespace Breakwater.Ingest.Collectors;

/// <summary>
/// One datagram (or captured frame) in a pooled buffer, on its way from a listener to the decoder thread.
/// <see cref="LinkType"/> and <see cref="FrameLength"/> matter only for captured frames.
/// </summary>
public readonly record struct ReceivedDatagram(byte[] Buffer, int Length, NetAddress Exporter, long ReceivedNanos, FlowProtocol Protocol, CollectorCounters Counters)
{
    public LinkType LinkType { get; init; } = LinkType.Ethernet;

    /// <summary>Length of the frame on the wire (the capture may hold fewer bytes).</summary>
    public uint FrameLength { get; init; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);
}
