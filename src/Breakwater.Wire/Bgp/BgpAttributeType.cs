namespace Breakwater.Wire.Bgp;

/// <summary>Path attribute type codes Breakwater reads or writes (RFC 4271 §5, RFC 1997, RFC 4360, RFC 4760, RFC 6793).</summary>
public enum BgpAttributeType : byte
{
    Origin = 1,
    AsPath = 2,
    NextHop = 3,
    MultiExitDisc = 4,
    LocalPref = 5,
    AtomicAggregate = 6,
    Aggregator = 7,
    Communities = 8,
    MpReachNlri = 14,
    MpUnreachNlri = 15,
    ExtendedCommunities = 16,
    As4Path = 17,
    As4Aggregator = 18,
}
