using System.Globalization;

namespace Breakwater.Wire.Tests.Golden;

/// <summary>One packet as tshark decoded it: helpers to pick outer and inner layers out of the field export.</summary>
public sealed class GoldenRow(IReadOnlyDictionary<string, string> fields)
{
    private static readonly string[] s_ipv6ExtensionLayers = ["ipv6.hopopts", "ipv6.routing", "ipv6.dstopts", "ipv6.fraghdr", "ipv6.ah"];

    public IReadOnlyList<string> Layers { get; } = fields["frame.protocols"].Split(':');

    public int Number => int.Parse(fields["frame.number"], CultureInfo.InvariantCulture);

    public bool IsIp => OuterFamily is not null;

    /// <summary>"ip" or "ipv6" for the first network layer, null for ARP and the like.</summary>
    public string? OuterFamily => Layers.FirstOrDefault(l => l is "ip" or "ipv6");

    public bool IsGre => Layers.Contains("gre");

    /// <summary>"ip" or "ipv6" for the layer inside GRE (through an inner Ethernet), null when tshark saw none.</summary>
    public string? InnerFamily => IsGre ? Layers.SkipWhile(l => l != "gre").Skip(1).FirstOrDefault(l => l is "ip" or "ipv6") : null;

    public string Raw(string field) => fields[field];

    /// <summary>Occurrence <paramref name="index"/> of a field (0 = outermost); null when absent.</summary>
    public string? Value(string field, int index = 0)
    {
        var values = fields[field];
        if (values.Length == 0)
        {
            return null;
        }

        var parts = values.Split('|');
        return index < parts.Length ? parts[index] : null;
    }

    public long Number64(string field, int index = 0) => Parse(Value(field, index)) ?? 0;

    public long? Optional(string field, int index = 0) => Parse(Value(field, index));

    /// <summary>Index of the occurrence of an ip/ipv6 field that belongs to the outer (0) or inner (1) layer of that family.</summary>
    public int IndexOf(string family, bool inner) => inner && OuterFamily == family ? 1 : 0;

    /// <summary>The upper-layer protocol after IPv6 extension headers, from tshark's layer list.</summary>
    public byte? IPv6UpperProtocol(bool inner)
    {
        var layers = Layers.SkipWhile(l => l != "ipv6");
        if (inner)
        {
            layers = Layers.SkipWhile(l => l != "gre").SkipWhile(l => l != "ipv6");
        }

        var after = layers.Skip(1).SkipWhile(l => s_ipv6ExtensionLayers.Contains(l)).FirstOrDefault();
        return after switch
        {
            "tcp" => 6,
            "udp" => 17,
            "icmpv6" => 58,
            "gre" => 47,
            "sctp" => 132,
            _ => Optional("ipv6.fraghdr.nxt") is { } next ? (byte)next : null,
        };
    }

    private static long? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.StartsWith("0x", StringComparison.Ordinal)
            ? long.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(value, CultureInfo.InvariantCulture);
    }
}
