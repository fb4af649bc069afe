namespace Breakwater.Mitigation;

/// <summary>Event names of the stream (docs/contracts.md).</summary>
public static class MitigationEvents
{
    public const string Announced = "mitigation.announced";
    public const string Withdrawn = "mitigation.withdrawn";
    public const string Pending = "mitigation.pending";
}
