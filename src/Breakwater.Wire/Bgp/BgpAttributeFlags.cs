namespace Breakwater.Wire.Bgp;

/// <summary>Path attribute flag bits (RFC 4271 §4.3).</summary>
public static class BgpAttributeFlags
{
    public const byte Optional = 0x80;
    public const byte Transitive = 0x40;
    public const byte Partial = 0x20;
    public const byte ExtendedLength = 0x10;
}
