namespace Breakwater.Configuration;

/// <summary>The <c>events</c> section: where the JSON-lines event stream goes ("-" is stdout).</summary>
public sealed record EventSettings
{
    public string File { get; init; } = "-";
}
