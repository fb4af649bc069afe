using Breakwater.Core;

namespace Breakwater.Mitigation;

/// <summary>What the policy decided for an incident: a kind on a prefix with rules, or a refusal (<see cref="Kind"/> null) with its reason.</summary>
public sealed record MitigationPlan(string? Kind, string Prefix, IReadOnlyList<FingerprintRule> Rules, string Reason)
{
    public bool Refused => Kind is null;
}
