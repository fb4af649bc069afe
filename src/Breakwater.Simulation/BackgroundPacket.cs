namespace Breakwater.Simulation;

/// <summary>A scheduled packet of a background conversation (value type: the pending heap holds them inline).</summary>
internal struct BackgroundPacket
{
    public long Ns;
    public long Order;
    public BackgroundKind Kind;
    public bool FromServer;
    public byte Flags;
    public int Client;
    public int Server;
    public ushort ClientPort;
    public ushort ServerPort;
    public uint Seq;
    public uint Ack;
    public int Offset;
    public int Length;
    public int Variant;
}
