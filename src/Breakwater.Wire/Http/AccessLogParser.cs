using System.Buffers;

namespace Breakwater.Wire.Http;

/// <summary>Reads one access log line into an <see cref="AccessLogEntry"/>; tells formats apart by content.</summary>
public static class AccessLogParser
{
    /// <summary>Longest line read; longer ones are counted as <see cref="AccessLogMalformed.LineTooLong"/>.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Lines looked at to decide the format.</summary>
    public const int SniffLines = 16;

    // Control bytes other than tab: binary data, not a log line (nginx and Apache escape them as \xHH).
    private static readonly SearchValues<byte> s_controls = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    /// <summary>
    /// Parses one line (without its line break; a trailing CR is ignored). Returns <see cref="AccessLogMalformed.None"/>
    /// and fills <paramref name="entry"/>, or the reason the line was not read.
    /// </summary>
    public static AccessLogMalformed Parse(ReadOnlySpan<byte> line, AccessLogFormat format, ref AccessLogEntry entry, ref TimeCache cache)
    {
        entry.Clear();
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Length > MaxLineLength)
        {
            return AccessLogMalformed.LineTooLong;
        }

        if (line.IndexOfAny(s_controls) >= 0)
        {
            return AccessLogMalformed.NotText;
        }

        return format switch
        {
            AccessLogFormat.Combined => CombinedLogParser.Parse(line, ref entry, ref cache),
            AccessLogFormat.Json or AccessLogFormat.Caddy => JsonLogParser.Parse(line, format, ref entry),
            _ => AccessLogMalformed.BadFields,
        };
    }

    /// <summary>True when a line holds only spaces and tabs (skipped, not counted as malformed).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    /// <summary>
    /// Decides the format from the start of a file (up to <see cref="SniffLines"/> non-blank lines): JSON objects are
    /// Caddy when they carry its <c>"request":{</c> object, else flat JSON; text lines are combined when most parse.
    /// Returns <see cref="AccessLogFormat.Unknown"/> when no format reads most lines.
    /// </summary>
    public static AccessLogFormat Sniff(ReadOnlySpan<byte> head)
    {
        int lines = 0, json = 0, caddy = 0, combined = 0;
        var entry = default(AccessLogEntry);
        var cache = default(TimeCache);
        while (!head.IsEmpty && lines < SniffLines)
        {
            var nl = head.IndexOf((byte)'\n');
            if (nl < 0 && lines > 0)
            {
                break; // a cut last line says nothing
            }

            var line = nl < 0 ? head : head[..nl];
            head = nl < 0 ? default : head[(nl + 1)..];
            if (IsBlank(line))
            {
                continue;
            }

            lines++;
            var trimmed = line.TrimStart(" \t"u8);
            if (trimmed[0] == (byte)'{')
            {
                if (trimmed.IndexOf("\"request\":{"u8) >= 0 || trimmed.IndexOf("\"request\": {"u8) >= 0)
                {
                    caddy++;
                }
                else if (Parse(line, AccessLogFormat.Json, ref entry, ref cache) == AccessLogMalformed.None)
                {
                    json++;
                }
            }
            else if (Parse(line, AccessLogFormat.Combined, ref entry, ref cache) == AccessLogMalformed.None)
            {
                combined++;
            }
        }

        if (lines == 0)
        {
            return AccessLogFormat.Unknown;
        }

        var half = (lines / 2) + 1;
        return caddy >= half ? AccessLogFormat.Caddy
            : json >= half ? AccessLogFormat.Json
            : combined >= half ? AccessLogFormat.Combined
            : AccessLogFormat.Unknown;
    }

    /// <summary>The name of a format as configuration and reports write it.</summary>
    public static string Name(AccessLogFormat format) => format switch
    {
        AccessLogFormat.Combined => "combined",
        AccessLogFormat.Json => "json",
        AccessLogFormat.Caddy => "caddy",
        _ => "unknown",
    };
}
