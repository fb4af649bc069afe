namespace Breakwater.Wire.Http;

/// <summary>
/// NCSA combined lines as nginx and Apache write them:
/// <c>[vhost:port ]client ident user [time] "request" status size ["referer" "user agent" [extras…]]</c>.
/// Extras are nginx's <c>"$http_x_forwarded_for"</c> (the first quoted one), <c>rt=</c>/<c>urt=</c> pairs, or bare request
/// and upstream times (seconds with a dot; a bare integer is Apache's <c>%D</c> in microseconds).
/// </summary>
internal static class CombinedLogParser
{
    private const byte Quote = (byte)'"';
    private const byte Space = (byte)' ';

    public static AccessLogMalformed Parse(ReadOnlySpan<byte> line, ref AccessLogEntry entry, ref TimeCache cache)
    {
        var space = line.IndexOf(Space);
        if (space <= 0)
        {
            return AccessLogMalformed.BadClient;
        }

        var first = line[..space];
        var rest = line[(space + 1)..];

        // Apache vhost_combined (and nginx imitations) start with "host:port client"; plain combined has the ident
        // ("-") second, never an address.
        var next = rest.IndexOf(Space);
        if (next > 0 && rest[0] != (byte)'-' && TextAddress.TryParse(rest[..next], out entry.Client))
        {
            var colon = first.LastIndexOf((byte)':');
            entry.Host = colon > 0 && first.IndexOf((byte)']') < colon ? first[..colon] : first;
            rest = rest[(next + 1)..];
        }
        else if (!TextAddress.TryParse(first, out entry.Client) && !first.SequenceEqual("unix:"u8))
        {
            return AccessLogMalformed.BadClient;
        }

        var open = rest.IndexOf((byte)'[');
        if (open < 0 || rest.Length < open + 28 || rest[open + 27] != ']')
        {
            return AccessLogMalformed.BadTime;
        }

        if (!cache.TryGet(rest.Slice(open + 1, 26), out entry.TimestampNanos))
        {
            return AccessLogMalformed.BadTime;
        }

        rest = rest[(open + 28)..];
        if (rest.Length < 2 || rest[0] != Space || rest[1] != Quote)
        {
            return AccessLogMalformed.BadRequest;
        }

        if (!TryQuoted(rest[1..], out var request, out rest))
        {
            return AccessLogMalformed.BadRequest;
        }

        SplitRequest(request, ref entry);

        // " 200 1234"
        if (rest.Length < 4 || rest[0] != Space)
        {
            return AccessLogMalformed.BadStatus;
        }

        var s0 = (uint)(rest[1] - '0');
        var s1 = (uint)(rest[2] - '0');
        var s2 = (uint)(rest[3] - '0');
        if (s0 > 9 || s1 > 9 || s2 > 9 || (rest.Length > 4 && rest[4] != Space))
        {
            return AccessLogMalformed.BadStatus;
        }

        entry.Status = (int)((s0 * 100) + (s1 * 10) + s2);
        rest = rest[4..];
        if (rest.IsEmpty)
        {
            return AccessLogMalformed.BadSize;
        }

        rest = rest[1..];
        var sizeEnd = rest.IndexOf(Space);
        var size = sizeEnd < 0 ? rest : rest[..sizeEnd];
        if (!TryParseSize(size, out entry.Bytes))
        {
            return AccessLogMalformed.BadSize;
        }

        if (sizeEnd < 0)
        {
            return AccessLogMalformed.None; // common log format
        }

        rest = rest[(sizeEnd + 1)..];
        if (rest.IsEmpty || rest[0] != Quote || !TryQuoted(rest, out var referer, out rest))
        {
            return AccessLogMalformed.BadFields;
        }

        entry.Referer = Dash(referer);
        if (rest.Length < 2 || rest[0] != Space || rest[1] != Quote || !TryQuoted(rest[1..], out var agent, out rest))
        {
            return AccessLogMalformed.BadFields;
        }

        entry.UserAgent = Dash(agent);
        return rest.IsEmpty ? AccessLogMalformed.None : ParseExtras(rest, ref entry);
    }

    private static AccessLogMalformed ParseExtras(ReadOnlySpan<byte> rest, ref AccessLogEntry entry)
    {
        var quotedSeen = false;
        var bareNumbers = 0;
        while (!rest.IsEmpty)
        {
            if (rest[0] == Space)
            {
                rest = rest[1..];
                continue;
            }

            ReadOnlySpan<byte> token;
            if (rest[0] == Quote)
            {
                if (!TryQuoted(rest, out token, out rest))
                {
                    return AccessLogMalformed.BadFields;
                }

                if (!quotedSeen)
                {
                    quotedSeen = true;
                    SetForwardedFor(Dash(token), ref entry);
                }

                continue;
            }

            var end = rest.IndexOf(Space);
            token = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            var eq = token.IndexOf((byte)'=');
            if (eq > 0)
            {
                var key = token[..eq];
                var value = TrimComma(token[(eq + 1)..]).Trim((byte)'"');
                if (key.SequenceEqual("rt"u8) || key.SequenceEqual("request_time"u8))
                {
                    SetRequestTime(value, ref entry);
                }
                else if ((key.SequenceEqual("urt"u8) || key.SequenceEqual("upstream_response_time"u8))
                    && LogTime.TryParseSecondsAsMicros(value, out var upstream))
                {
                    entry.UpstreamMicros = upstream;
                }

                continue;
            }

            token = TrimComma(token);
            if (token.IndexOf((byte)'.') >= 0)
            {
                if (bareNumbers == 0)
                {
                    SetRequestTime(token, ref entry);
                }
                else if (bareNumbers == 1 && LogTime.TryParseSecondsAsMicros(token, out var upstream))
                {
                    entry.UpstreamMicros = upstream;
                }

                bareNumbers++;
            }
            else if (bareNumbers == 0 && TryParseSize(token, out var micros) && token[0] != (byte)'-')
            {
                entry.RequestMicros = micros; // Apache %D
                entry.Flags |= AccessLogFlags.HasRequestTime;
                bareNumbers++;
            }
        }

        return AccessLogMalformed.None;
    }

    internal static void SetForwardedFor(ReadOnlySpan<byte> value, ref AccessLogEntry entry)
    {
        if (value.IsEmpty)
        {
            return;
        }

        entry.ForwardedFor = value;
        entry.Flags |= value.IndexOf((byte)',') >= 0 ? AccessLogFlags.ForwardedFor | AccessLogFlags.ForwardedChain : AccessLogFlags.ForwardedFor;
    }

    internal static void SplitRequest(ReadOnlySpan<byte> request, ref AccessLogEntry entry)
    {
        var a = request.IndexOf(Space);
        var b = request.LastIndexOf(Space);
        if (a <= 0 || b <= a + 1 || !request[(b + 1)..].StartsWith("HTTP/"u8))
        {
            entry.Flags |= AccessLogFlags.BadRequestLine;
            return;
        }

        entry.Method = request[..a];
        SetTarget(request[(a + 1)..b], ref entry);
    }

    internal static void SetTarget(ReadOnlySpan<byte> target, ref AccessLogEntry entry)
    {
        entry.Target = target;
        if (target.IndexOf((byte)'?') >= 0)
        {
            entry.Flags |= AccessLogFlags.HasQuery;
        }
    }

    internal static bool TryParseSize(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.Length == 1 && s[0] == (byte)'-')
        {
            return true;
        }

        if (s.IsEmpty || s.Length > 18)
        {
            return false;
        }

        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    private static void SetRequestTime(ReadOnlySpan<byte> value, ref AccessLogEntry entry)
    {
        if (LogTime.TryParseSecondsAsMicros(value, out var micros))
        {
            entry.RequestMicros = micros;
            entry.Flags |= AccessLogFlags.HasRequestTime;
        }
    }

    private static ReadOnlySpan<byte> TrimComma(ReadOnlySpan<byte> s) => s.Length > 0 && s[^1] == (byte)',' ? s[..^1] : s;

    private static ReadOnlySpan<byte> Dash(ReadOnlySpan<byte> s) => s.Length == 1 && s[0] == (byte)'-' ? default : s;

    /// <summary>
    /// <paramref name="s"/> starts at an opening quote. Finds the closing quote (Apache escapes quotes as <c>\"</c>,
    /// nginx as <c>\x22</c>) and returns the content and what follows the closing quote.
    /// </summary>
    private static bool TryQuoted(ReadOnlySpan<byte> s, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> rest)
    {
        var i = 1;
        while (true)
        {
            var q = s[i..].IndexOf(Quote);
            if (q < 0)
            {
                content = default;
                rest = default;
                return false;
            }

            var at = i + q;
            if (s[at - 1] == (byte)'\\' && at - 1 >= 1 && (at < 3 || s[at - 2] != (byte)'\\'))
            {
                i = at + 1;
                continue;
            }

            content = s[1..at];
            rest = s[(at + 1)..];
            return true;
        }
    }
}
