namespace Breakwater.Simulation;

/// <summary>One source of packets in time order; the generator merges streams by <see cref="NextNs"/>.</summary>
internal abstract class PacketStream
{
    /// <summary>Unix time (ns) of the next packet, or <see cref="long.MaxValue"/> when the stream is done.</summary>
    public long NextNs { get; protected set; } = long.MaxValue;

    /// <summary>Writes the packet(s) due at <see cref="NextNs"/> and moves it on.</summary>
    public abstract void EmitNext(FrameBuilder builder);
}
