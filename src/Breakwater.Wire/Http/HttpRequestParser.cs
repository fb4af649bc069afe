namespace Breakwater.Wire.Http;

/// <summary>
/// HTTP/1.x requests at the start of one TCP segment (cleartext only): request line and the header lines present in
/// the segment, no reassembly. A request whose headers continue in the next segment is read up to the segment's end
/// (the out parameter says so); a request line split over segments is not seen.
/// </summary>
public static class HttpRequestParser
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Most header lines looked at in one request.</summary>
    public const int MaxHeaders = 64;

    /// <summary>
    /// Reads a request from the start of <paramref name="payload"/>. Returns false when the payload does not start with
    /// <c>METHOD SP TARGET SP HTTP/1.x CRLF</c> (other traffic, a continuation segment, TLS).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, ref AccessLogEntry entry, out bool headersComplete)
    {
        headersComplete = false;
        if (payload.Length < 16 || !LooksLikeMethod(payload))
        {
            return false;
        }

        var lineEnd = payload.IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return false;
        }

        var line = payload[..lineEnd];
        var a = line.IndexOf((byte)' ');
        var b = line.LastIndexOf((byte)' ');
        if (a <= 0 || a > 16 || b <= a + 1 || !line[(b + 1)..].StartsWith("HTTP/1."u8))
        {
            return false;
        }

        entry.Method = line[..a];
        entry.Target = line[(a + 1)..b];
        if (entry.Target.IndexOf((byte)'?') >= 0)
        {
            entry.Flags |= AccessLogFlags.HasQuery;
        }

        var rest = payload[(lineEnd + 2)..];
        var hash = FnvOffset;
        var headersStart = rest;
        var consumed = 0;
        for (var n = 0; n < MaxHeaders; n++)
        {
            var end = rest.IndexOf("\r\n"u8);
            if (end == 0)
            {
                headersComplete = true;
                break;
            }

            if (end < 0)
            {
                break; // the header block continues in a later segment
            }

            var header = rest[..end];
            consumed += end + 2;
            rest = rest[(end + 2)..];
            var colon = header.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = header[..colon];
            var value = header[(colon + 1)..].Trim(" \t"u8);
            if (n > 0)
            {
                hash = (hash ^ ',') * FnvPrime;
            }

            foreach (var c in name)
            {
                hash = (hash ^ Lower(c)) * FnvPrime;
            }

            Header(name, value, ref entry);
        }

        entry.Headers = headersStart[..consumed];
        entry.HeaderOrderHash = hash;
        return true;
    }

    /// <summary>The hash <see cref="TryParse"/> gives a header name sequence written lower case and comma-separated.</summary>
    public static ulong HeaderOrderHash(ReadOnlySpan<byte> commaSeparatedNames)
    {
        var hash = FnvOffset;
        foreach (var c in commaSeparatedNames)
        {
            hash = (hash ^ Lower(c)) * FnvPrime;
        }

        return hash;
    }

    /// <summary>Writes the lower-case, comma-separated header names of a header block; returns the length written.</summary>
    public static int WriteHeaderNames(ReadOnlySpan<byte> headers, Span<byte> destination)
    {
        var written = 0;
        while (!headers.IsEmpty && written < destination.Length)
        {
            var end = headers.IndexOf("\r\n"u8);
            var header = end < 0 ? headers : headers[..end];
            headers = end < 0 ? default : headers[(end + 2)..];
            var colon = header.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            if (written > 0)
            {
                destination[written++] = (byte)',';
            }

            foreach (var c in header[..colon])
            {
                if (written == destination.Length)
                {
                    break;
                }

                destination[written++] = Lower(c);
            }
        }

        return written;
    }

    private static void Header(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, ref AccessLogEntry entry)
    {
        switch (name.Length)
        {
            case 4 when System.Text.Ascii.EqualsIgnoreCase(name, "host"u8):
                var colon = value.LastIndexOf((byte)':');
                entry.Host = colon > 0 && value.IndexOf((byte)']') < colon && value.IndexOf((byte)':') == colon ? value[..colon] : value;
                break;
            case 10 when System.Text.Ascii.EqualsIgnoreCase(name, "user-agent"u8):
                entry.UserAgent = value;
                break;
            case 7 when System.Text.Ascii.EqualsIgnoreCase(name, "referer"u8):
                entry.Referer = value;
                break;
            case 15 when System.Text.Ascii.EqualsIgnoreCase(name, "x-forwarded-for"u8):
                entry.ForwardedFor = value;
                entry.Flags |= value.IndexOf((byte)',') >= 0 ? AccessLogFlags.ForwardedFor | AccessLogFlags.ForwardedChain : AccessLogFlags.ForwardedFor;
                break;
            case 3 when System.Text.Ascii.EqualsIgnoreCase(name, "via"u8):
                entry.Flags |= AccessLogFlags.Via;
                break;
            case 9 when System.Text.Ascii.EqualsIgnoreCase(name, "forwarded"u8):
                entry.Flags |= AccessLogFlags.Forwarded;
                break;
        }
    }

    private static bool LooksLikeMethod(ReadOnlySpan<byte> p) => p[0] switch
    {
        (byte)'G' => p.StartsWith("GET "u8),
        (byte)'P' => p.StartsWith("POST "u8) || p.StartsWith("PUT "u8) || p.StartsWith("PATCH "u8),
        (byte)'H' => p.StartsWith("HEAD "u8),
        (byte)'D' => p.StartsWith("DELETE "u8),
        (byte)'O' => p.StartsWith("OPTIONS "u8),
        (byte)'C' => p.StartsWith("CONNECT "u8),
        (byte)'T' => p.StartsWith("TRACE "u8),
        _ => false,
    };

    private static byte Lower(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c;
}
