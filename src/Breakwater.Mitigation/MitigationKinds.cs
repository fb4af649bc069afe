namespace Breakwater.Mitigation;

/// <summary>The <c>kind</c> of a mitigation.</summary>
public static class MitigationKinds
{
    public const string FlowSpec = "flowspec";
    public const string Blackhole = "blackhole";
    public const string Nftables = "nftables";
}
