namespace Breakwater.Wire;

/// <summary>Link-layer header types (tcpdump.org LINKTYPE_ values) that the packet decoder reads.</summary>
public enum LinkType : ushort
{
    Null = 0,
    Ethernet = 1,
    Raw = 101,
    Loop = 108,
    LinuxSll = 113,
    IPv4 = 228,
    IPv6 = 229,
    LinuxSll2 = 276,
}
