using Breakwater.Wire;

namespace Breakwater.TestKit.Sinks;

/// <summary>What the reader handed to the sink for one frame: a record, or the reason it was not decoded.</summary>
public sealed record DecodedPacket(TrafficRecord Record, MalformedReason Reason, long TimestampNanos, uint FrameLength, byte[] Payload);
