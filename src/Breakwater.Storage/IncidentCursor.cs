using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Breakwater.Storage;

/// <summary>
/// The opaque paging cursor: the last item's start (Unix ms) and id, base64url. Stable under inserts: a new incident
/// never shifts the pages after the one a client holds.
/// </summary>
public static class IncidentCursor
{
    public static string Encode(long startMs, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{startMs}:{id}")));

    public static bool TryDecode(string? cursor, out long startMs, out string id)
    {
        startMs = 0;
        id = "";
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 256)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out startMs))
        {
            return false;
        }

        id = text[(colon + 1)..];
        return true;
    }
}
