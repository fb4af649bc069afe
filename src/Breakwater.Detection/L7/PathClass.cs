namespace Breakwater.Detection.L7;

/// <summary>
/// Groups request paths into classes for the per-path view: static files by kind (<c>static:js</c>), otherwise the first
/// path segment (<c>/api/*</c>, <c>/login</c>), so a flood aimed at one endpoint stands out from browsing spread over a site.
/// </summary>
internal static class PathClass
{
    /// <summary>Writes the class of <paramref name="path"/> into <paramref name="destination"/>; returns its length.</summary>
    public static int Of(ReadOnlySpan<byte> path, Span<byte> destination)
    {
        if (path.IsEmpty || path[0] != (byte)'/')
        {
            return Write("other"u8, destination);
        }

        var lastSlash = path.LastIndexOf((byte)'/');
        var dot = path[lastSlash..].LastIndexOf((byte)'.');
        if (dot > 0)
        {
            var ext = path[(lastSlash + dot + 1)..];
            if (IsStatic(ext))
            {
                var n = Write("static:"u8, destination);
                return n + Write(ext.Length > 8 ? ext[..8] : ext, destination[n..]);
            }
        }

        var second = path[1..].IndexOf((byte)'/');
        if (second < 0)
        {
            return Write(path.Length > 64 ? path[..64] : path, destination);
        }

        var segment = path[..(second + 1)];
        var m = Write(segment.Length > 64 ? segment[..64] : segment, destination);
        return m + Write("/*"u8, destination[m..]);
    }

    private static bool IsStatic(ReadOnlySpan<byte> ext) =>
        ext.SequenceEqual("js"u8) || ext.SequenceEqual("css"u8) || ext.SequenceEqual("png"u8) || ext.SequenceEqual("jpg"u8)
        || ext.SequenceEqual("jpeg"u8) || ext.SequenceEqual("gif"u8) || ext.SequenceEqual("svg"u8) || ext.SequenceEqual("ico"u8)
        || ext.SequenceEqual("webp"u8) || ext.SequenceEqual("woff"u8) || ext.SequenceEqual("woff2"u8) || ext.SequenceEqual("map"u8);

    private static int Write(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var n = Math.Min(value.Length, destination.Length);
        value[..n].CopyTo(destination);
        return n;
    }
}
