using System.Buffers.Binary;

namespace Breakwater.Wire.Http;

/// <summary>Parses IPv4 and IPv6 addresses written as UTF-8 text (log fields), without allocating.</summary>
public static class TextAddress
{
    /// <summary>
    /// Parses an address, also in the forms logs use: <c>[2001:db8::1]:443</c>, <c>192.0.2.1:5678</c> (Envoy's
    /// <c>downstream_remote_address</c>) and IPv6 with a zone (<c>fe80::1%eth0</c>, zone dropped).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out NetAddress address)
    {
        address = default;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] == (byte)'[')
        {
            var close = text.IndexOf((byte)']');
            return close > 0 && TryParseV6(text[1..close], out address);
        }

        var colon = text.IndexOf((byte)':');
        if (colon < 0)
        {
            return TryParseV4(text, out address);
        }

        if (text.LastIndexOf((byte)':') == colon && text.IndexOf((byte)'.') >= 0)
        {
            return TryParseV4(text[..colon], out address); // a.b.c.d:port
        }

        return TryParseV6(text, out address);
    }

    public static bool TryParseV4(ReadOnlySpan<byte> text, out NetAddress address)
    {
        address = default;
        if (!TryParseV4Value(text, out var value))
        {
            return false;
        }

        address = NetAddress.FromV4(value);
        return true;
    }

    private static bool TryParseV4Value(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        uint octet = 0;
        int digits = 0, dots = 0;
        foreach (var b in text)
        {
            var d = (uint)(b - '0');
            if (d <= 9)
            {
                octet = (octet * 10) + d;
                if (++digits > 3 || octet > 255)
                {
                    return false;
                }
            }
            else if (b == '.' && digits > 0 && dots < 3)
            {
                value = (value << 8) | octet;
                octet = 0;
                digits = 0;
                dots++;
            }
            else
            {
                return false;
            }
        }

        if (dots != 3 || digits == 0)
        {
            return false;
        }

        value = (value << 8) | octet;
        return true;
    }

    private static bool TryParseV6(ReadOnlySpan<byte> text, out NetAddress address)
    {
        address = default;
        var zone = text.IndexOf((byte)'%');
        if (zone >= 0)
        {
            text = text[..zone];
        }

        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gap = -1;
        var i = 0;
        if (text.StartsWith("::"u8))
        {
            gap = 0;
            i = 2;
            if (text.Length == 2)
            {
                address = new NetAddress(0, 0);
                return true;
            }
        }

        while (i < text.Length)
        {
            var end = text[i..].IndexOf((byte)':');
            var part = end < 0 ? text[i..] : text.Slice(i, end);
            if (part.IndexOf((byte)'.') >= 0)
            {
                // Embedded IPv4 (::ffff:192.0.2.1) ends the address.
                if (end >= 0 || count > 6 || !TryParseV4Value(part, out var v4))
                {
                    return false;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                break;
            }

            if (part.IsEmpty || part.Length > 4 || count == 8 || !TryHex(part, out var group))
            {
                return false;
            }

            groups[count++] = group;
            if (end < 0)
            {
                break;
            }

            i += end + 1;
            if (i < text.Length && text[i] == (byte)':')
            {
                if (gap >= 0)
                {
                    return false;
                }

                gap = count;
                i++;
                if (i == text.Length)
                {
                    break;
                }
            }
            else if (i == text.Length)
            {
                return false; // trailing single colon
            }
        }

        if (gap < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        var tail = count - Math.Max(gap, 0);
        for (var g = 0; g < count; g++)
        {
            var slot = gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g;
            BinaryPrimitives.WriteUInt16BigEndian(bytes[(slot * 2)..], groups[g]);
        }

        address = NetAddress.FromV6(bytes);
        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> part, out ushort value)
    {
        uint v = 0;
        foreach (var b in part)
        {
            uint d = b switch
            {
                >= (byte)'0' and <= (byte)'9' => (uint)(b - '0'),
                >= (byte)'a' and <= (byte)'f' => (uint)(b - 'a' + 10),
                >= (byte)'A' and <= (byte)'F' => (uint)(b - 'A' + 10),
                _ => 16,
            };
            if (d == 16)
            {
                value = 0;
                return false;
            }

            v = (v << 4) | d;
        }

        value = (ushort)v;
        return true;
    }
}
