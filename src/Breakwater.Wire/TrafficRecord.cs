namespace Breakwater.Wire;

/// <summary>
/// The one internal currency of Breakwater: a captured packet (sampling rate 1, one packet) or a flow
/// record / sample (several packets, a sampling rate). Decoders fill it; everything after the decoders
/// reads only this. It is an unmanaged struct so that it can be passed by reference with no allocation.
/// </summary>
/// <remarks>
/// Header fields describe the outer IP packet. For GRE (<see cref="Protocol"/> 47) the <c>Inner*</c> fields
/// describe the encapsulated packet when <see cref="RecordFlags.GreInnerDecoded"/> is set, so that a GRE
/// flood can be classified by both its outer and its inner view.
/// </remarks>
public struct TrafficRecord
{
    /// <summary>Capture (or flow end) time, nanoseconds since the Unix epoch, UTC.</summary>
    public long TimestampNanos;

    public NetAddress Source;
    public NetAddress Destination;

    /// <summary>Packets this record stands for before sampling (1 for a captured packet).</summary>
    public ulong Packets;

    /// <summary>Layer-3 bytes (IP total length) this record stands for before sampling.</summary>
    public ulong Bytes;

    /// <summary>One in how many packets was sampled (1 for a capture). Estimated real traffic = Packets × SamplingRate.</summary>
    public uint SamplingRate;

    /// <summary>Length of the frame on the wire including layer 2 where known (pcap orig_len); 0 for flows.</summary>
    public uint FrameLength;

    /// <summary>Transport source port (TCP/UDP/SCTP); 0 when absent.</summary>
    public ushort SourcePort;

    /// <summary>Transport destination port (TCP/UDP/SCTP); 0 when absent.</summary>
    public ushort DestinationPort;

    /// <summary>Bytes of transport payload (after TCP/UDP/ICMP header), or of IP payload for later fragments and other protocols.</summary>
    public ushort PayloadLength;

    /// <summary>IPv4 identification (low 16 bits of the IPv6 fragment id for IPv6 fragments, else 0).</summary>
    public ushort IpId;

    public ushort TcpWindow;

    public RecordFlags Flags;

    /// <summary>IP protocol number of the outer packet (IPv6: the upper-layer protocol after extension headers).</summary>
    public byte Protocol;

    public TcpFlags TcpFlags;

    /// <summary>Length in bytes of TCP options (0..40).</summary>
    public byte TcpOptionsLength;

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte Ttl;

    /// <summary>ICMP/ICMPv6 type and code (0 otherwise).</summary>
    public byte IcmpType;

    public byte IcmpCode;

    public GreInnerKind InnerKind;

    /// <summary>IP protocol of the packet inside GRE (for Ethernet inside GRE: of the IP packet in that frame).</summary>
    public byte InnerProtocol;

    public ushort InnerSourcePort;
    public ushort InnerDestinationPort;
    public NetAddress InnerDestination;

    /// <summary>Source and destination (origin) AS numbers when a flow exporter reports them (0 = unknown).</summary>
    public uint SourceAs;

    public uint DestinationAs;

    /// <summary>Estimated real packets: <see cref="Packets"/> × <see cref="SamplingRate"/>.</summary>
    public readonly ulong ScaledPackets => Packets * SamplingRate;

    /// <summary>Estimated real bytes: <see cref="Bytes"/> × <see cref="SamplingRate"/>.</summary>
    public readonly ulong ScaledBytes => Bytes * SamplingRate;

    public readonly bool Has(RecordFlags flag) => (Flags & flag) != 0;
}
