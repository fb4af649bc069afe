namespace Breakwater.Simulation;

/// <summary>Packet kinds of normal traffic.</summary>
internal enum BackgroundKind : byte
{
    Http,
    Tls,
    DnsQuery,
    DnsResponse,
    Quic,
    EchoRequest,
    EchoReply,
}
