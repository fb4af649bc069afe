using Breakwater.Wire;

namespace Breakwater.Detection.Tests;

/// <summary>A synthetic record and the transport payload the decoder would hand over with it.</summary>
internal sealed class Packet(TrafficRecord record, byte[] payload)
{
    public TrafficRecord Record = record;

    public byte[] Payload { get; } = payload;
}
