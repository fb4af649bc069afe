namespace Breakwater.Mitigation;

/// <summary>
/// Mitigation states: <c>pending</c> (waits for approval), <c>dry-run</c> (recorded, never announced), <c>active</c>
/// (announced or applied), <c>withdrawn</c> (ended: expired, withdrawn by an operator, or replaced), <c>refused</c>
/// (the policy said no: never-list, prefix limit, cap; the reason says which).
/// </summary>
public static class MitigationStates
{
    public const string Pending = "pending";
    public const string DryRun = "dry-run";
    public const string Active = "active";
    public const string Withdrawn = "withdrawn";
    public const string Refused = "refused";

    public static readonly string[] All = [Pending, DryRun, Active, Withdrawn, Refused];

    public static readonly string[] Live = [Pending, DryRun, Active];
}
