using System.Diagnostics.CodeAnalysis;
using Breakwater.Core;

namespace Breakwater.Configuration;

/// <summary>
/// How a protected prefix must be written, the same in YAML and on the command line: ADDRESS/LENGTH with no host bits
/// set (198.51.100.7/24 is refused: a typo for .0/24 or for /32 must not silently protect a whole /24).
/// </summary>
public static class PrefixRules
{
    public static bool TryParse(string text, out Prefix prefix, [NotNullWhen(false)] out string? problem)
    {
        if (!Prefix.TryParse(text, out prefix))
        {
            problem = $"must be a prefix such as 198.51.100.0/24 or 2001:db8::/48, got '{text}'.";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? text.Trim() : text[..slash].Trim();
        if (Wire.NetAddress.TryParse(address, out var written) && !written.Equals(prefix.Network))
        {
            var host = written.IsIPv4 ? 32 : 128;
            problem = $"'{text}' has host bits set; write {prefix} for the network, or {address}/{host} for the one host.";
            return false;
        }

        problem = null;
        return true;
    }
}
