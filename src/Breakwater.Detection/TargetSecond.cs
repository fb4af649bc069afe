using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// One target's traffic in one second (Unix <see cref="Second"/>), estimated real traffic (scaled by sampling), with
/// the packets of each threshold class: TCP, UDP, ICMP, SYN (no ACK), ACK only, with RST, with FIN, fragments.
/// <see cref="Network"/> is the index of the protected network it belongs to, or -1 when no networks are configured.
/// </summary>
public readonly record struct TargetSecond(
    long Second, NetAddress Target, int Network, long Packets, long Bytes,
    long Tcp, long Udp, long Icmp, long Syn, long Ack, long Rst, long Fin, long Fragment);
