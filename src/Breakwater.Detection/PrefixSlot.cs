using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// One tracked prefix (a protected network, or the /24 or /64 of destinations when none is configured): its
/// one-second counters of traffic to hosts that are not under their own incident, and its run (<see cref="RunState"/>).
/// </summary>
internal struct PrefixSlot
{
    /// <summary>The network address (host bits cleared).</summary>
    public NetAddress Network;

    /// <summary>Prefix length in the 128-bit (IPv4-mapped) space.</summary>
    public int MappedLength;

    public bool IsIPv4;

    /// <summary>Index in <see cref="DetectionSettings.Networks"/>, or -1 for an automatic /24 or /64.</summary>
    public int NetworkIndex;

    public int Group;

    /// <summary>Host slots pointing here; an idle prefix nobody points at is freed.</summary>
    public int References;

    public long Second;
    public long ClosedSecond;
    public long Packets;
    public long Bytes;

    /// <summary>Traffic this second of hosts that are pending or under their own incident: already explained.</summary>
    public long ExplainedPackets;
    public long ExplainedBytes;

    /// <summary>A second below the release level has been seen (or traffic started after the input did): the normal load is known.</summary>
    public bool BaselineKnown;

    /// <summary>Packets per host of the prefix during the run (bounded), for the summary's list of attacked hosts.</summary>
    public Dictionary<NetAddress, long>? Hosts;

    public bool InUse;

    public RunState Run;
}
