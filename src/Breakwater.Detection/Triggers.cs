namespace Breakwater.Detection;

/// <summary>Values of an incident's <c>trigger</c>: what opened it.</summary>
internal static class Triggers
{
    /// <summary>A threshold of the host group (or the prefix limits).</summary>
    public const string Static = "static";

    /// <summary>The learned hour-of-week baseline of the host or prefix.</summary>
    public const string Baseline = "baseline";
}
