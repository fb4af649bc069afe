namespace Breakwater.Wire;

/// <summary>The 24-byte classic pcap file header, as needed to frame the records that follow.</summary>
public readonly record struct PcapHeader(bool BigEndian, bool Nanosecond, ushort VersionMajor, ushort VersionMinor, uint SnapLength, LinkType LinkType);
