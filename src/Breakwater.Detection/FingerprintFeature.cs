namespace Breakwater.Detection;

/// <summary>Header features a fingerprint filters on, in the order they are preferred and written.</summary>
internal enum FingerprintFeature : byte
{
    Protocol,
    TcpFlags,
    LaterFragment,
    SourcePort,
    DestinationPort,
    Length,
    Ttl,
    PayloadPrefix,
}
