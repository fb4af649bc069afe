namespace Breakwater.Wire;

/// <summary>
/// What a pcapng reader must remember between blocks: the current section's byte order and its interfaces.
/// A new Section Header Block resets both.
/// </summary>
public sealed class PcapngState
{
    /// <summary>Interfaces kept per section; a file claiming more is hostile or broken, later ones are ignored.</summary>
    public const int MaxInterfaces = 4096;

    private PcapngInterface[] _interfaces = new PcapngInterface[4];

    public bool BigEndian { get; private set; }

    /// <summary>True once a Section Header Block has been read.</summary>
    public bool InSection { get; private set; }

    public int InterfaceCount { get; private set; }

    /// <summary>Number of sections seen so far.</summary>
    public int Sections { get; private set; }

    public PcapngInterface GetInterface(int index) => _interfaces[index];

    /// <summary>Link type of an interface, or <see cref="ushort.MaxValue"/> (which no decoder supports) when it is unknown.</summary>
    public LinkType LinkTypeOf(uint interfaceId) =>
        interfaceId < (uint)InterfaceCount ? _interfaces[interfaceId].LinkType : (LinkType)ushort.MaxValue;

    internal void StartSection(bool bigEndian)
    {
        BigEndian = bigEndian;
        InSection = true;
        InterfaceCount = 0;
        Sections++;
    }

    internal void AddInterface(PcapngInterface description)
    {
        if (InterfaceCount == MaxInterfaces)
        {
            return;
        }

        if (InterfaceCount == _interfaces.Length)
        {
            Array.Resize(ref _interfaces, _interfaces.Length * 2);
        }

        _interfaces[InterfaceCount++] = description;
    }
}
