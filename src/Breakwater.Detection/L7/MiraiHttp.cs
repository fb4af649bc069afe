using System.IO.Hashing;

namespace Breakwater.Detection.L7;

/// <summary>
/// What Mirai's HTTP flood (attack_app.c, published 2016) sends: the request line, then User-Agent, Host,
/// Connection, Accept and Accept-Language in that order (Content-Type and Content-Length for POST), with one of five
/// built-in browser user agents.
/// </summary>
internal static class MiraiHttp
{
    public const string HeaderOrder = "user-agent,host,connection,accept,accept-language";

    public const string PostHeaderOrder = "user-agent,host,connection,accept,accept-language,content-type,content-length";

    private static readonly string[] s_userAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/601.7.7 (KHTML, like Gecko) Version/9.1.2 Safari/601.7.7",
    ];

    private static readonly ulong[] s_userAgentHashes = s_userAgents.Select(u => XxHash3.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(u))).ToArray();

    public static IReadOnlyList<string> UserAgents => s_userAgents;

    /// <summary>Whether a user agent is one of the five (hash of the exact bytes, unseeded: these are fixed strings).</summary>
    public static bool IsMiraiUserAgent(ReadOnlySpan<byte> userAgent)
    {
        if (userAgent.Length < 100 || userAgent.Length > 120)
        {
            return false;
        }

        var hash = XxHash3.HashToUInt64(userAgent);
        foreach (var h in s_userAgentHashes)
        {
            if (h == hash)
            {
                return true;
            }
        }

        return false;
    }
}
