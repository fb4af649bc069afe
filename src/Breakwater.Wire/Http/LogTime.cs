namespace Breakwater.Wire.Http;

/// <summary>Timestamps as access logs write them, parsed from UTF-8 without allocating; results in Unix nanoseconds (UTC).</summary>
public static class LogTime
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>Common Log Format time: <c>10/Oct/2000:13:55:36 -0700</c> (nginx <c>$time_local</c>, Apache <c>%t</c>).</summary>
    public static bool TryParseClf(ReadOnlySpan<byte> s, out long nanos)
    {
        nanos = 0;
        if (s.Length != 26 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':' || s[20] != ' ')
        {
            return false;
        }

        var month = Month(s.Slice(3, 3));
        if (month == 0
            || !TryDigits(s[..2], out var day)
            || !TryDigits(s.Slice(7, 4), out var year)
            || !TryDigits(s.Slice(12, 2), out var hour)
            || !TryDigits(s.Slice(15, 2), out var minute)
            || !TryDigits(s.Slice(18, 2), out var second)
            || !TryOffset(s[21..], out var offsetSeconds))
        {
            return false;
        }

        return TryCompose(year, month, day, hour, minute, second, 0, offsetSeconds, out nanos);
    }

    /// <summary>ISO 8601 / RFC 3339: <c>2025-03-10T14:00:00+00:00</c>, <c>2025-03-10T14:00:00.123Z</c> (nginx <c>$time_iso8601</c>, Envoy).</summary>
    public static bool TryParseIso(ReadOnlySpan<byte> s, out long nanos)
    {
        nanos = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year)
            || !TryDigits(s.Slice(5, 2), out var month)
            || !TryDigits(s.Slice(8, 2), out var day)
            || !TryDigits(s.Slice(11, 2), out var hour)
            || !TryDigits(s.Slice(14, 2), out var minute)
            || !TryDigits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = s[19..];
        long fraction = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var i = 1;
            long scale = NanosPerSecond;
            while (i < rest.Length && (uint)(rest[i] - '0') <= 9)
            {
                scale /= 10;
                fraction += (rest[i] - '0') * scale;
                i++;
            }

            if (i == 1)
            {
                return false;
            }

            rest = rest[i..];
        }

        int offsetSeconds;
        if (rest.Length == 1 && (rest[0] == 'Z' || rest[0] == 'z'))
        {
            offsetSeconds = 0;
        }
        else if (rest.Length == 6 && rest[3] == ':')
        {
            Span<byte> compact = [rest[0], rest[1], rest[2], rest[4], rest[5]];
            if (!TryOffset(compact, out offsetSeconds))
            {
                return false;
            }
        }
        else if (!TryOffset(rest, out offsetSeconds))
        {
            return false;
        }

        return TryCompose(year, month, day, hour, minute, second, fraction, offsetSeconds, out nanos);
    }

    /// <summary>Unix seconds with an optional fraction: <c>1700000000.123</c> (nginx <c>$msec</c>, Caddy <c>ts</c>).</summary>
    public static bool TryParseEpochSeconds(ReadOnlySpan<byte> s, out long nanos)
    {
        nanos = 0;
        long whole = 0;
        var i = 0;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            whole = (whole * 10) + (s[i] - '0');
            if (++i > 11)
            {
                return false;
            }
        }

        if (i == 0)
        {
            return false;
        }

        long fraction = 0;
        if (i < s.Length)
        {
            if (s[i] != '.')
            {
                return false;
            }

            long scale = NanosPerSecond;
            for (i++; i < s.Length; i++)
            {
                var d = (uint)(s[i] - '0');
                if (d > 9)
                {
                    return false;
                }

                if (scale > 1)
                {
                    scale /= 10;
                    fraction += d * scale;
                }
            }
        }

        nanos = (whole * NanosPerSecond) + fraction;
        return true;
    }

    /// <summary>Seconds with an optional fraction (<c>0.123</c>, <c>12</c>) as microseconds; false for <c>-</c> and other text.</summary>
    public static bool TryParseSecondsAsMicros(ReadOnlySpan<byte> s, out long micros)
    {
        micros = 0;
        long whole = 0, fraction = 0, scale = 1_000_000;
        var i = 0;
        for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
        {
            whole = (whole * 10) + (s[i] - '0');
            if (whole > 100_000_000)
            {
                return false;
            }
        }

        if (i == 0)
        {
            return false;
        }

        if (i < s.Length)
        {
            if (s[i] != '.')
            {
                return false;
            }

            for (i++; i < s.Length; i++)
            {
                var d = (uint)(s[i] - '0');
                if (d > 9)
                {
                    return false;
                }

                if (scale > 1)
                {
                    scale /= 10;
                    fraction += d * scale;
                }
            }
        }

        micros = (whole * 1_000_000) + fraction;
        return true;
    }

    private static bool TryCompose(int year, int month, int day, int hour, int minute, int second, long fraction, int offsetSeconds, out long nanos)
    {
        nanos = 0;
        if (year < 1970 || year > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var days = DaysFromCivil(year, month, day);
        var seconds = (days * 86_400L) + (hour * 3600L) + (minute * 60L) + Math.Min(second, 59) - offsetSeconds;
        nanos = (seconds * NanosPerSecond) + fraction;
        return true;
    }

    // Howard Hinnant's days_from_civil: days since 1970-01-01 for a proleptic Gregorian date.
    private static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = y / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146_097L) + doe - 719_468;
    }

    private static bool TryOffset(ReadOnlySpan<byte> s, out int seconds)
    {
        seconds = 0;
        if (s.Length != 5 || (s[0] != '+' && s[0] != '-') || !TryDigits(s.Slice(1, 2), out var h) || !TryDigits(s.Slice(3, 2), out var m))
        {
            return false;
        }

        seconds = ((h * 3600) + (m * 60)) * (s[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    private static int Month(ReadOnlySpan<byte> m)
    {
        var key = (m[0] | 0x20) << 16 | (m[1] | 0x20) << 8 | (m[2] | 0x20);
        return key switch
        {
            ('j' << 16) | ('a' << 8) | 'n' => 1,
            ('f' << 16) | ('e' << 8) | 'b' => 2,
            ('m' << 16) | ('a' << 8) | 'r' => 3,
            ('a' << 16) | ('p' << 8) | 'r' => 4,
            ('m' << 16) | ('a' << 8) | 'y' => 5,
            ('j' << 16) | ('u' << 8) | 'n' => 6,
            ('j' << 16) | ('u' << 8) | 'l' => 7,
            ('a' << 16) | ('u' << 8) | 'g' => 8,
            ('s' << 16) | ('e' << 8) | 'p' => 9,
            ('o' << 16) | ('c' << 8) | 't' => 10,
            ('n' << 16) | ('o' << 8) | 'v' => 11,
            ('d' << 16) | ('e' << 8) | 'c' => 12,
            _ => 0,
        };
    }
}
