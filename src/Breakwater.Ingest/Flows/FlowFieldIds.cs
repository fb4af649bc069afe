namespace Breakwater.Ingest.Flows;

/// <summary>Information element ids (IANA IPFIX registry; NetFlow v9 uses the same numbers below 128).</summary>
internal static class FlowFieldIds
{
    public const ushort OctetDeltaCount = 1;
    public const ushort PacketDeltaCount = 2;
    public const ushort ProtocolIdentifier = 4;
    public const ushort TcpControlBits = 6;
    public const ushort SourceTransportPort = 7;
    public const ushort SourceIPv4Address = 8;
    public const ushort DestinationTransportPort = 11;
    public const ushort DestinationIPv4Address = 12;
    public const ushort BgpSourceAsNumber = 16;
    public const ushort BgpDestinationAsNumber = 17;
    public const ushort FlowEndSysUpTime = 21;
    public const ushort PostOctetDeltaCount = 23;
    public const ushort PostPacketDeltaCount = 24;
    public const ushort SourceIPv6Address = 27;
    public const ushort DestinationIPv6Address = 28;
    public const ushort IcmpTypeCodeIPv4 = 32;
    public const ushort SamplingInterval = 34;
    public const ushort SamplerId = 48;
    public const ushort SamplerRandomInterval = 50;
    public const ushort MaximumTtl = 53;
    public const ushort OctetTotalCount = 85;
    public const ushort PacketTotalCount = 86;
    public const ushort IcmpTypeCodeIPv6 = 139;
    public const ushort FlowEndSeconds = 151;
    public const ushort FlowEndMilliseconds = 153;
    public const ushort FlowEndMicroseconds = 155;
    public const ushort FlowEndNanoseconds = 157;
    public const ushort SystemInitTimeMilliseconds = 160;
    public const ushort IcmpTypeIPv4 = 176;
    public const ushort IcmpCodeIPv4 = 177;
    public const ushort IcmpTypeIPv6 = 178;
    public const ushort IcmpCodeIPv6 = 179;
    public const ushort IpTtl = 192;
    public const ushort SelectorId = 302;
    public const ushort SamplingPacketInterval = 305;
    public const ushort SamplingPacketSpace = 306;
}
