using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>What a rule's destination matches: the attacked host (/32, /128) or the attacked prefix.</summary>
internal readonly record struct RuleTarget(string Address, int Length, bool IsIPv4)
{
    public bool IsHost => Length == (IsIPv4 ? 32 : 128);

    public string Cidr => Address + "/" + Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static RuleTarget Of(NetAddress host) => new(host.ToString(), host.IsIPv4 ? 32 : 128, host.IsIPv4);

    public static RuleTarget Of(Prefix prefix)
    {
        var text = prefix.ToString();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return new(text[..slash], prefix.Length, prefix.IsIPv4);
    }
}
