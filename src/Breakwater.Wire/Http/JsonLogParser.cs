using System.Text.Json;

namespace Breakwater.Wire.Http;

/// <summary>
/// JSON access log lines: flat objects (nginx <c>log_format … escape=json</c> with the usual variable names, Envoy's
/// <c>json_format</c> keys) and Caddy's nested <c>request</c> object. Reads with <see cref="Utf8JsonReader"/> over the
/// line; values stay as raw spans.
/// </summary>
internal static class JsonLogParser
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 8 };

    public static AccessLogMalformed Parse(ReadOnlySpan<byte> line, AccessLogFormat format, ref AccessLogEntry entry)
    {
        // Cut or garbled lines (rotation, a crash mid-write) fail here, without the reader's exception.
        if (line.Length < 2 || line[0] != (byte)'{' || line[^1] != (byte)'}')
        {
            return AccessLogMalformed.BadJson;
        }

        var reader = new Utf8JsonReader(line, s_options);
        var haveClient = false;
        var haveTime = false;
        ReadOnlySpan<byte> requestLine = default;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return AccessLogMalformed.BadJson;
            }

            if (!ReadObject(ref reader, format, ref entry, ref haveClient, ref haveTime, ref requestLine, Scope.Top))
            {
                return AccessLogMalformed.BadJson;
            }

            if (reader.Read())
            {
                return AccessLogMalformed.BadJson; // trailing content after the object
            }
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports bad JSON only by throwing; a bad line is rare in real logs.
            return AccessLogMalformed.BadJson;
        }

        if (entry.Method.IsEmpty && !requestLine.IsEmpty)
        {
            var target = entry.Target;
            CombinedLogParser.SplitRequest(requestLine, ref entry);
            if (!target.IsEmpty)
            {
                entry.Target = target;
            }
        }

        if (entry.Method.IsEmpty)
        {
            entry.Flags |= AccessLogFlags.BadRequestLine;
        }

        return haveClient && haveTime && entry.Status != 0 ? AccessLogMalformed.None : AccessLogMalformed.MissingField;
    }

    private enum Scope : byte
    {
        Top,
        Request,
        Headers,
    }

    private static bool ReadObject(
        ref Utf8JsonReader reader, AccessLogFormat format, ref AccessLogEntry entry, ref bool haveClient, ref bool haveTime,
        ref ReadOnlySpan<byte> requestLine, Scope scope)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var key = reader.ValueSpan;
            if (!reader.Read())
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (scope == Scope.Top && key.SequenceEqual("request"u8))
                    {
                        if (!ReadObject(ref reader, format, ref entry, ref haveClient, ref haveTime, ref requestLine, Scope.Request))
                        {
                            return false;
                        }
                    }
                    else if (scope == Scope.Request && key.SequenceEqual("headers"u8))
                    {
                        if (!ReadObject(ref reader, format, ref entry, ref haveClient, ref haveTime, ref requestLine, Scope.Headers))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }

                    continue;
                case JsonTokenType.StartArray:
                    if (scope == Scope.Headers)
                    {
                        // Caddy: "User-Agent": ["…"]; the first value is the one counted.
                        if (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            Header(key, reader.ValueSpan, ref entry);
                        }

                        while (reader.TokenType != JsonTokenType.EndArray && reader.Read())
                        {
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }

                    continue;
                case JsonTokenType.String or JsonTokenType.Number:
                    break;
                default:
                    continue; // null, true, false
            }

            var value = reader.ValueSpan;
            if (scope == Scope.Headers)
            {
                Header(key, value, ref entry);
                continue;
            }

            Field(key, value, reader.TokenType == JsonTokenType.Number, format, ref entry, ref haveClient, ref haveTime, ref requestLine);
        }

        return false;
    }

    private static void Field(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isNumber, AccessLogFormat format, ref AccessLogEntry entry,
        ref bool haveClient, ref bool haveTime, ref ReadOnlySpan<byte> requestLine)
    {
        switch (key.Length)
        {
            case 2 when key.SequenceEqual("ip"u8):
            case 6 when key.SequenceEqual("client"u8):
            case 9 when key.SequenceEqual("client_ip"u8) || key.SequenceEqual("remote_ip"u8):
            case 11 when key.SequenceEqual("remote_addr"u8):
            case 25 when key.SequenceEqual("downstream_remote_address"u8):
                // Caddy's client_ip is the resolved client behind trusted proxies: it wins over remote_ip.
                if ((!haveClient || key.SequenceEqual("client_ip"u8)) && TextAddress.TryParse(value, out var client))
                {
                    entry.Client = client;
                    haveClient = true;
                }

                return;
            case 2 when key.SequenceEqual("ts"u8):
            case 4 when key.SequenceEqual("msec"u8):
                haveTime |= LogTime.TryParseEpochSeconds(value, out entry.TimestampNanos);
                return;
            case 4 when key.SequenceEqual("time"u8):
            case 9 when key.SequenceEqual("timestamp"u8):
            case 10 when key.SequenceEqual("@timestamp"u8) || key.SequenceEqual("start_time"u8) || key.SequenceEqual("time_local"u8):
            case 12 when key.SequenceEqual("time_iso8601"u8):
                haveTime |= isNumber
                    ? LogTime.TryParseEpochSeconds(value, out entry.TimestampNanos)
                    : LogTime.TryParseIso(value, out entry.TimestampNanos) || LogTime.TryParseClf(value, out entry.TimestampNanos);
                return;
            case 6 when key.SequenceEqual("method"u8):
            case 14 when key.SequenceEqual("request_method"u8):
                entry.Method = value;
                return;
            case 3 when key.SequenceEqual("uri"u8):
            case 4 when key.SequenceEqual("path"u8):
            case 11 when key.SequenceEqual("request_uri"u8):
                if (entry.Target.IsEmpty || key.Length == 11)
                {
                    CombinedLogParser.SetTarget(value, ref entry);
                }

                return;
            case 7 when key.SequenceEqual("request"u8):
                requestLine = value;
                return;
            case 4 when key.SequenceEqual("host"u8):
            case 9 when key.SequenceEqual("http_host"u8) || key.SequenceEqual("authority"u8):
            case 11 when key.SequenceEqual("server_name"u8):
                if (entry.Host.IsEmpty || key.Length != 11)
                {
                    entry.Host = StripPort(value);
                }

                return;
            case 6 when key.SequenceEqual("status"u8):
            case 13 when key.SequenceEqual("response_code"u8):
                if (value.Length == 3 && CombinedLogParser.TryParseSize(value, out var status))
                {
                    entry.Status = (int)status;
                }

                return;
            case 4 when key.SequenceEqual("size"u8):
            case 10 when key.SequenceEqual("bytes_sent"u8):
            case 15 when key.SequenceEqual("body_bytes_sent"u8):
                _ = CombinedLogParser.TryParseSize(value, out entry.Bytes);
                return;
            case 12 when key.SequenceEqual("request_time"u8):
                SetMicros(value, 1, ref entry.RequestMicros, ref entry);
                return;
            case 8 when key.SequenceEqual("duration"u8):
                // Caddy logs seconds, Envoy's %DURATION% is milliseconds.
                SetMicros(value, format == AccessLogFormat.Caddy ? 1 : 1000, ref entry.RequestMicros, ref entry);
                return;
            case 22 when key.SequenceEqual("upstream_response_time"u8):
                if (LogTime.TryParseSecondsAsMicros(FirstOfList(value), out var upstream))
                {
                    entry.UpstreamMicros = upstream;
                }

                return;
            case 21 when key.SequenceEqual("upstream_service_time"u8):
                if (LogTime.TryParseSecondsAsMicros(value, out var ms))
                {
                    entry.UpstreamMicros = ms / 1000; // milliseconds read as seconds are 1000 × too large
                }

                return;
            default:
                Header(key, value, ref entry);
                return;
        }
    }

    /// <summary>Header-like fields, flat (<c>http_user_agent</c>, <c>user_agent</c>) or Caddy's header names.</summary>
    private static void Header(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ref AccessLogEntry entry)
    {
        if (value.IsEmpty || (value.Length == 1 && value[0] == (byte)'-'))
        {
            return;
        }

        if (EqualsName(key, "user_agent"u8) || EqualsName(key, "http_user_agent"u8) || EqualsName(key, "useragent"u8))
        {
            entry.UserAgent = value;
        }
        else if (EqualsName(key, "referer"u8) || EqualsName(key, "http_referer"u8) || EqualsName(key, "referrer"u8))
        {
            entry.Referer = value;
        }
        else if (EqualsName(key, "x_forwarded_for"u8) || EqualsName(key, "http_x_forwarded_for"u8))
        {
            CombinedLogParser.SetForwardedFor(value, ref entry);
        }
        else if (EqualsName(key, "via"u8) || EqualsName(key, "http_via"u8))
        {
            entry.Flags |= AccessLogFlags.Via;
        }
        else if (EqualsName(key, "forwarded"u8) || EqualsName(key, "http_forwarded"u8))
        {
            entry.Flags |= AccessLogFlags.Forwarded;
        }
    }

    /// <summary>Compares a key with a snake_case name ignoring case and treating '-' as '_' (Caddy's <c>User-Agent</c>).</summary>
    private static bool EqualsName(ReadOnlySpan<byte> key, ReadOnlySpan<byte> name)
    {
        if (key.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var k = key[i];
            k = k == (byte)'-' ? (byte)'_' : k is >= (byte)'A' and <= (byte)'Z' ? (byte)(k | 0x20) : k;
            if (k != name[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void SetMicros(ReadOnlySpan<byte> value, int divisor, ref long target, ref AccessLogEntry entry)
    {
        if (LogTime.TryParseSecondsAsMicros(FirstOfList(value), out var micros))
        {
            target = micros / divisor; // a millisecond value read as seconds is 1000 × too large
            entry.Flags |= AccessLogFlags.HasRequestTime;
        }
    }

    private static ReadOnlySpan<byte> FirstOfList(ReadOnlySpan<byte> value)
    {
        var comma = value.IndexOf((byte)',');
        return comma < 0 ? value : value[..comma];
    }

    private static ReadOnlySpan<byte> StripPort(ReadOnlySpan<byte> host)
    {
        var colon = host.LastIndexOf((byte)':');
        return colon > 0 && host.IndexOf((byte)']') < colon && host.IndexOf((byte)':') == colon ? host[..colon] : host;
    }
}
