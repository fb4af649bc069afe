namespace Breakwater.Storage;

/// <summary>
/// Packets per vector class, the classes the thresholds use: TCP, UDP, ICMP, TCP SYN (no ACK), TCP ACK only, TCP with
/// RST, TCP with FIN, IP fragments. A packet may be in several classes (a SYN is TCP too).
/// </summary>
public readonly record struct TrafficClasses(long Tcp, long Udp, long Icmp, long Syn, long Ack, long Rst, long Fin, long Fragment)
{
    public TrafficClasses Add(in TrafficClasses other) => new(
        Tcp + other.Tcp, Udp + other.Udp, Icmp + other.Icmp, Syn + other.Syn, Ack + other.Ack, Rst + other.Rst, Fin + other.Fin,
        Fragment + other.Fragment);
}
