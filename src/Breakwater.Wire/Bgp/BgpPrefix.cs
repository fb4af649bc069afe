using System.Globalization;

namespace Breakwater.Wire.Bgp;

/// <summary>An IPv4 or IPv6 prefix as carried in NLRI (RFC 4271 §4.3): the address with bits past the length cleared.</summary>
public readonly record struct BgpPrefix
{
    public BgpPrefix(NetAddress address, int length)
    {
        var max = address.IsIPv4 ? 32 : 128;
        if ((uint)length > (uint)max)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"prefix length must be 0..{max}");
        }

        Span<byte> bytes = stackalloc byte[16];
        address.WriteBytes(bytes);
        var offset = address.IsIPv4 ? 12 : 0;
        var bits = length + (offset * 8);
        for (var i = 0; i < 16; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        Address = NetAddress.FromV6(bytes);
        Length = length;
    }

    public NetAddress Address { get; }

    public int Length { get; }

    public bool IsIPv4 => Address.IsIPv4;

    /// <summary>Octets of address that NLRI carries for this length.</summary>
    public int ByteCount => (Length + 7) / 8;

    public static BgpPrefix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = NetAddress.Parse(slash < 0 ? text : text[..slash]);
        var length = slash < 0 ? (address.IsIPv4 ? 32 : 128) : int.Parse(text.AsSpan(slash + 1), CultureInfo.InvariantCulture);
        return new BgpPrefix(address, length);
    }

    /// <summary>Writes the significant address octets (no length byte) and returns how many were written.</summary>
    public int WriteAddressBytes(Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[16];
        Address.WriteBytes(bytes);
        var source = IsIPv4 ? bytes[12..] : bytes;
        source[..ByteCount].CopyTo(destination);
        return ByteCount;
    }

    /// <summary>Reads an address from its significant octets (the rest zero).</summary>
    public static BgpPrefix FromBytes(ReadOnlySpan<byte> significant, int length, bool ipv6)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        if (ipv6)
        {
            significant.CopyTo(bytes);
            return new BgpPrefix(NetAddress.FromV6(bytes), length);
        }

        significant.CopyTo(bytes[..4]);
        return new BgpPrefix(NetAddress.FromV4(bytes[..4]), length);
    }

    public override string ToString() => $"{Address}/{Length.ToString(CultureInfo.InvariantCulture)}";
}
