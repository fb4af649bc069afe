namespace Breakwater.Core.Forensics;

/// <summary>Whether the source addresses are the senders (the analysis document's <c>spoofing</c>).</summary>
public sealed class SpoofingReport
{
    /// <summary><c>forged</c>, <c>reflected</c>, <c>genuine</c> or <c>unknown</c>.</summary>
    public required string Verdict { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];
}
