using System.Globalization;
using System.Text;

namespace Breakwater.Outages.Probes;

/// <summary>The parts of an HTTP/1.1 response a probe needs: status, body framing, and the body once complete.</summary>
internal static class HttpResponseHead
{
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    /// <summary>Parses the status line and headers when they are complete; <paramref name="bodyStart"/> is the offset of the body.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out int status, out long? contentLength, out bool chunked, out int bodyStart)
    {
        status = 0;
        contentLength = null;
        chunked = false;
        bodyStart = 0;
        var end = data.IndexOf(HeaderEnd);
        if (end < 0)
        {
            return false;
        }

        bodyStart = end + 4;
        var lines = Encoding.ASCII.GetString(data[..end]).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status))
        {
            status = -1;
            return true;
        }

        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                contentLength = length;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
        }

        return true;
    }

    /// <summary>Decodes a chunked body as far as it goes; <paramref name="complete"/> when the last chunk was seen.</summary>
    public static byte[] Dechunk(ReadOnlySpan<byte> body, out bool complete)
    {
        complete = false;
        var output = new List<byte>();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return [.. output];
            }

            var sizeText = Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                return [.. output];
            }

            if (size == 0)
            {
                complete = true;
                return [.. output];
            }

            var start = lineEnd + 2;
            if (body.Length < start + size + 2)
            {
                output.AddRange(body[start..Math.Min(body.Length, start + size)]);
                return [.. output];
            }

            output.AddRange(body.Slice(start, size));
            body = body[(start + size + 2)..];
        }
    }
}
