namespace Breakwater.Detection;

/// <summary>Index of an attack-tool shape counter in <see cref="ForensicRecorder"/> (names in Core's ShapeNames).</summary>
internal enum ShapeKind
{
    MiraiSyn,
    StackSyn,
    BareSyn,
    SynWindowZero,
    MiraiAck,
    MiraiStomp,
    Udp512,
    DnsQueries,
    DnsRandom12,
    Vse,
    MiraiGre,
    HttpRequests,
    HttpMiraiOrder,
    HttpMiraiAgent,
    TtlAbove64,
}
