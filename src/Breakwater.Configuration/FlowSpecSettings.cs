namespace Breakwater.Configuration;

/// <summary><c>mitigation.flowspec</c>: the action of announced rules and the collateral a rule may have.</summary>
public sealed record FlowSpecSettings
{
    /// <summary><c>action</c>: <c>discard</c>, <c>rate-limit</c> (with <see cref="RateBytes"/>), <c>redirect</c> (with <see cref="Redirect"/>) or <c>mark</c> (with <see cref="Dscp"/>).</summary>
    public string Action { get; init; } = "discard";

    /// <summary><c>max_collateral</c>: a rule set is used only when every rule's FlowSpec collateral is at most this.</summary>
    public double MaxCollateral { get; init; } = 0.01;

    /// <summary><c>rate</c>: bytes per second for <c>rate-limit</c>.</summary>
    public double RateBytes { get; init; }

    /// <summary><c>redirect</c>: route target ASN:VALUE for <c>redirect</c>.</summary>
    public string? Redirect { get; init; }

    /// <summary><c>dscp</c>: 0–63 for <c>mark</c>.</summary>
    public int Dscp { get; init; }
}
