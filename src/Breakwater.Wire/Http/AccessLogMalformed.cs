namespace Breakwater.Wire.Http;

/// <summary>Why an access log line was not read. Counted per reason; a bad line never stops a file.</summary>
public enum AccessLogMalformed : byte
{
    None = 0,

    /// <summary>Longer than <see cref="AccessLogParser.MaxLineLength"/>; skipped up to the next newline.</summary>
    LineTooLong,

    /// <summary>The client field is not an IPv4 or IPv6 address (nor <c>unix:</c>).</summary>
    BadClient,

    /// <summary>The time field is missing or not a timestamp this format allows.</summary>
    BadTime,

    /// <summary>The quoted request field is not closed on the line.</summary>
    BadRequest,

    /// <summary>The status is not a three-digit number.</summary>
    BadStatus,

    /// <summary>The size is neither a number nor <c>-</c>.</summary>
    BadSize,

    /// <summary>The fields after the status do not follow the format (unclosed quotes, missing separators).</summary>
    BadFields,

    /// <summary>The line is not one well-formed JSON object.</summary>
    BadJson,

    /// <summary>A JSON line without a client address, a time or a status.</summary>
    MissingField,

    /// <summary>Holds control bytes (NUL, binary): not a text log line.</summary>
    NotText,
}
