namespace Breakwater.Detection;

/// <summary>
/// Mirai's HTTP flood (attack_app.c) writes "METHOD PATH HTTP/1.1", then User-Agent, Host, "Connection: keep-alive",
/// "Accept: text/html,…" and "Accept-Language: en-US,en;q=0.8" in that order, with one of five hard-coded user agents.
/// </summary>
internal static class HttpShape
{
    private static ReadOnlySpan<byte> UserAgentLine => " HTTP/1.1\r\nUser-Agent: "u8;

    private static ReadOnlySpan<byte> HostLine => "\r\nHost: "u8;

    private static ReadOnlySpan<byte> Tail => "\r\nConnection: keep-alive\r\nAccept: text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.8\r\n"u8;

    private static readonly byte[][] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36"u8.ToArray(),
        "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36"u8.ToArray(),
        "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36"u8.ToArray(),
        "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36"u8.ToArray(),
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/601.7.7 (KHTML, like Gecko) Version/9.1.2 Safari/601.7.7"u8.ToArray(),
    ];

    public static bool IsRequest(ReadOnlySpan<byte> payload) =>
        payload.StartsWith("GET "u8) || payload.StartsWith("POST "u8) || payload.StartsWith("HEAD "u8);

    /// <summary>Checks the header order and the user agent; <paramref name="agent"/> is true when the agent is one of Mirai's.</summary>
    public static bool HasMiraiOrder(ReadOnlySpan<byte> payload, out bool agent)
    {
        agent = false;
        var ua = payload.IndexOf(UserAgentLine);
        if (ua < 0)
        {
            return false;
        }

        var rest = payload[(ua + UserAgentLine.Length)..];
        var end = rest.IndexOf("\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        foreach (var known in Agents)
        {
            agent |= rest[..end].SequenceEqual(known);
        }

        rest = rest[end..];
        if (!rest.StartsWith(HostLine))
        {
            return false;
        }

        rest = rest[HostLine.Length..];
        var hostEnd = rest.IndexOf("\r\n"u8);
        return hostEnd >= 0 && rest[hostEnd..].StartsWith(Tail);
    }
}
