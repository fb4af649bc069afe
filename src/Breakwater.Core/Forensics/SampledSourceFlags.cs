namespace Breakwater.Core.Forensics;

/// <summary>What one sampled source was seen sending (for handshake and tool-shape evidence).</summary>
[Flags]
public enum SampledSourceFlags : byte
{
    None = 0,

    /// <summary>A TCP SYN without ACK.</summary>
    Syn = 1,

    /// <summary>A TCP ACK without payload after a SYN: the third packet of a handshake.</summary>
    HandshakeAck = 2,

    /// <summary>TCP segments with payload.</summary>
    TcpData = 4,

    /// <summary>TCP data whose first packet came after this source's SYN and handshake ACK.</summary>
    DataAfterHandshake = 8,

    Udp = 16,
}
