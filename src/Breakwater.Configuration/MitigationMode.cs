namespace Breakwater.Configuration;

/// <summary><c>mitigation.mode</c>: <c>off</c>, <c>dry-run</c> (record what would be done), <c>approval</c> (wait for an operator), <c>auto</c>.</summary>
public enum MitigationMode
{
    Off,
    DryRun,
    Approval,
    Auto,
}
