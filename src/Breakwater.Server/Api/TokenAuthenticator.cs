using System.Security.Cryptography;
using System.Text;
using Breakwater.Configuration;

namespace Breakwater.Server.Api;

/// <summary>
/// Checks bearer tokens against <c>api.tokens</c>. Tokens are compared as SHA-256 digests with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, and every configured token is compared on every request, so
/// neither the position of the first wrong byte, nor the token's length, nor which entry matched shows in the timing.
/// The token list is swapped whole on a config reload.
/// </summary>
public sealed class TokenAuthenticator
{
    private Entry[] _entries = [];

    public TokenAuthenticator(IReadOnlyList<ApiToken> tokens) => Replace(tokens);

    public int Count => Volatile.Read(ref _entries).Length;

    public void Replace(IReadOnlyList<ApiToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Volatile.Write(ref _entries, [.. tokens.Select(t => new Entry(t.Name, t.Role, Digest(t.Token)))]);
    }

    /// <summary>Finds the caller for an <c>Authorization</c> header value; null when it is missing, malformed or unknown.</summary>
    public ApiCaller? Authenticate(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || authorization.Length <= Scheme.Length
            || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > 1024)
        {
            return null;
        }

        var presented = Digest(authorization.AsSpan(Scheme.Length).Trim());
        ApiCaller? match = null;
        foreach (var entry in Volatile.Read(ref _entries))
        {
            if (CryptographicOperations.FixedTimeEquals(presented, entry.Digest))
            {
                match = new ApiCaller(entry.Name, entry.Role);
            }
        }

        return match;
    }

    private static byte[] Digest(ReadOnlySpan<char> token)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(token.Length, 1024))];
        var length = Encoding.UTF8.GetBytes(token[..Math.Min(token.Length, 1024)], utf8);
        return SHA256.HashData(utf8[..length]);
    }

    private sealed record Entry(string Name, ApiRole Role, byte[] Digest);
}
