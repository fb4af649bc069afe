namespace Breakwater.Wire.Flows;

/// <summary>One flow as an exporter reports it (NetFlow v5/v9, IPFIX): the input of the flow encoders.</summary>
public struct FlowExportRecord
{
    public NetAddress Source;
    public NetAddress Destination;
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte Protocol;
    public TcpFlags TcpFlags;
    public ulong Packets;
    public ulong Bytes;

    /// <summary>First and last packet, Unix milliseconds.</summary>
    public long FirstMs;

    public long LastMs;
}
