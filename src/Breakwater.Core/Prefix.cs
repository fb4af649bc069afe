using System.Globalization;
using Breakwater.Wire;

namespace Breakwater.Core;

/// <summary>An IPv4 or IPv6 prefix (CIDR). IPv4 prefixes are held IPv4-mapped, so /24 is stored as /120.</summary>
public readonly struct Prefix : IEquatable<Prefix>
{
    private Prefix(NetAddress network, int length, bool isIPv4)
    {
        Network = network;
        MappedLength = length;
        IsIPv4 = isIPv4;
    }

    /// <summary>The network address with host bits cleared.</summary>
    public NetAddress Network { get; }

    /// <summary>Prefix length in the 128-bit (IPv4-mapped) space.</summary>
    public int MappedLength { get; }

    public bool IsIPv4 { get; }

    /// <summary>Prefix length as written by people (0..32 for IPv4, 0..128 for IPv6).</summary>
    public int Length => IsIPv4 ? MappedLength - 96 : MappedLength;

    public static Prefix Create(NetAddress address, int length)
    {
        var isV4 = address.IsIPv4;
        var max = isV4 ? 32 : 128;
        if (length < 0 || length > max)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"A prefix length must be 0..{max}.");
        }

        var mapped = isV4 ? length + 96 : length;
        return new Prefix(Mask(address, mapped), mapped, isV4);
    }

    public static bool TryParse(string? text, out Prefix prefix)
    {
        prefix = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.AsSpan().Trim() : text.AsSpan(0, slash).Trim();
        if (!NetAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var max = address.IsIPv4 ? 32 : 128;
        var length = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out length)
            || length > max))
        {
            return false;
        }

        prefix = Create(address, length);
        return true;
    }

    public static Prefix Parse(string text) =>
        TryParse(text, out var prefix)
            ? prefix
            : throw new FormatException($"'{text}' is not a prefix; write it as ADDRESS/LENGTH, e.g. 198.51.100.0/24 or 2001:db8::/48.");

    public bool Contains(NetAddress address) => Mask(address, MappedLength).Equals(Network);

    public override string ToString() => $"{Network}/{Length.ToString(CultureInfo.InvariantCulture)}";

    public bool Equals(Prefix other) => MappedLength == other.MappedLength && Network.Equals(other.Network);

    public override bool Equals(object? obj) => obj is Prefix other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Network, MappedLength);

    public static bool operator ==(Prefix left, Prefix right) => left.Equals(right);

    public static bool operator !=(Prefix left, Prefix right) => !left.Equals(right);

    /// <summary>Clears the host bits of <paramref name="address"/> beyond <paramref name="mappedLength"/>.</summary>
    public static NetAddress Mask(NetAddress address, int mappedLength)
    {
        if (mappedLength >= 128)
        {
            return address;
        }

        if (mappedLength <= 0)
        {
            return default;
        }

        if (mappedLength <= 64)
        {
            var highMask = mappedLength == 64 ? ulong.MaxValue : ~(ulong.MaxValue >> mappedLength);
            return new NetAddress(address.High & highMask, 0);
        }

        var lowMask = ~(ulong.MaxValue >> (mappedLength - 64));
        return new NetAddress(address.High, address.Low & lowMask);
    }
}
