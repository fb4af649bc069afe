namespace Breakwater.Detection;

/// <summary>The header features a fingerprint may filter on, kept for a bounded sample of records.</summary>
internal struct FeatureSample
{
    public long Weight;
    public uint PayloadPrefix;
    public ushort SourcePort;
    public ushort DestinationPort;
    public ushort Length;
    public byte Protocol;
    public byte TcpFlags;
    public byte Ttl;
    public byte PayloadPrefixLength;
    public bool LaterFragment;
}
