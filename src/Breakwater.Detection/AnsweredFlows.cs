using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// TCP connections in which a hot target takes part: a 64-Kibit set (8 KiB, allocated at the first answer) of
/// (peer address, peer port, target port) that the target has sent established-phase packets on (ACK without SYN
/// or RST). Packets from the peer on such a connection are the target's normal traffic, not an ACK or data flood.
/// A handshake's SYN-ACK and the RSTs a host sends back to a flood do not count: a flood cannot make itself answered.
/// </summary>
internal sealed class AnsweredFlows
{
    private const int Bits = 1 << 16;

    private ulong[]? _bits;

    public bool IsEmpty => _bits is null;

    /// <summary>The target sent a packet from <paramref name="targetPort"/> to <paramref name="peer"/>:<paramref name="peerPort"/>.</summary>
    public void Mark(NetAddress peer, ushort peerPort, ushort targetPort)
    {
        var bit = Bit(peer, peerPort, targetPort);
        (_bits ??= new ulong[Bits / 64])[bit >> 6] |= 1UL << (bit & 63);
    }

    /// <summary>Whether <paramref name="peer"/>:<paramref name="peerPort"/> → target:<paramref name="targetPort"/> is an answered connection (false positives ≈ load of the set).</summary>
    public bool Contains(NetAddress peer, ushort peerPort, ushort targetPort)
    {
        if (_bits is not { } bits)
        {
            return false;
        }

        var bit = Bit(peer, peerPort, targetPort);
        return (bits[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    public void Clear()
    {
        if (_bits is not null)
        {
            Array.Clear(_bits);
        }
    }

    private static int Bit(NetAddress peer, ushort peerPort, ushort targetPort) =>
        (int)(peer.Hash(0xA5A5_0000_0000_0000UL ^ ((ulong)peerPort << 16) ^ targetPort) >> 48);
}
