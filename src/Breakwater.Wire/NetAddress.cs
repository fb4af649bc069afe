using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Breakwater.Wire;

/// <summary>
/// An IPv4 or IPv6 address as a 128-bit value type. IPv4 is stored IPv4-mapped (::ffff:a.b.c.d) so one
/// type, one hash and one comparison serve both families without allocation.
/// </summary>
public readonly struct NetAddress : IEquatable<NetAddress>, IComparable<NetAddress>
{
    private const ulong V4MappedHigh = 0;
    private const ulong V4MappedMarker = 0xFFFFUL << 32;

    public NetAddress(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>Upper 64 bits in network order (bytes 0..7 of the IPv6 form).</summary>
    public ulong High { get; }

    /// <summary>Lower 64 bits in network order (bytes 8..15 of the IPv6 form).</summary>
    public ulong Low { get; }

    public bool IsIPv4 => High == V4MappedHigh && (Low & 0xFFFF_FFFF_0000_0000UL) == V4MappedMarker;

    /// <summary>The IPv4 address as a host-order integer; only meaningful when <see cref="IsIPv4"/>.</summary>
    public uint V4 => (uint)Low;

    public static NetAddress FromV4(uint hostOrder) => new(V4MappedHigh, V4MappedMarker | hostOrder);

    public static NetAddress FromV4(ReadOnlySpan<byte> fourBytes) => FromV4(BinaryPrimitives.ReadUInt32BigEndian(fourBytes));

    public static NetAddress FromV6(ReadOnlySpan<byte> sixteenBytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes), BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes[8..]));

    public static NetAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return FromV4(bytes);
        }

        address.TryWriteBytes(bytes, out _);
        return FromV6(bytes);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out NetAddress address)
    {
        if (IPAddress.TryParse(text, out var ip))
        {
            address = FromIPAddress(ip);
            return true;
        }

        address = default;
        return false;
    }

    public static NetAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IPv4 or IPv6 address.");

    public void WriteBytes(Span<byte> sixteenBytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(sixteenBytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(sixteenBytes[8..], Low);
    }

    public IPAddress ToIPAddress()
    {
        if (IsIPv4)
        {
            return new IPAddress(BinaryPrimitives.ReverseEndianness(V4) & 0xFFFF_FFFFL);
        }

        Span<byte> bytes = stackalloc byte[16];
        WriteBytes(bytes);
        return new IPAddress(bytes);
    }

    public override string ToString() => ToIPAddress().ToString();

    public bool Equals(NetAddress other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is NetAddress other && Equals(other);

    /// <summary>A cheap, well-mixed hash (not seeded: tables that face attacker-chosen keys use their own seed).</summary>
    public override int GetHashCode() => (int)Mix(High, Low, 0);

    /// <summary>A seeded 64-bit mix of the address, for sketches and hash tables that face attacker-chosen keys.</summary>
    public ulong Hash(ulong seed) => Mix(High, Low, seed);

    public int CompareTo(NetAddress other)
    {
        var c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    public static bool operator ==(NetAddress left, NetAddress right) => left.Equals(right);

    public static bool operator !=(NetAddress left, NetAddress right) => !left.Equals(right);

    public static bool operator <(NetAddress left, NetAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(NetAddress left, NetAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(NetAddress left, NetAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(NetAddress left, NetAddress right) => left.CompareTo(right) >= 0;

    // Two rounds of a murmur3-style finaliser: full avalanche, a few nanoseconds.
    private static ulong Mix(ulong high, ulong low, ulong seed)
    {
        var h = (high ^ seed) * 0x9E3779B97F4A7C15UL;
        h ^= low + 0x632BE59BD9B4E019UL + (h << 6) + (h >> 2);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
