namespace Breakwater.Cli;

internal sealed record AnalyzeOptions(
    IReadOnlyList<string> Files,
    string? Networks,
    double? ThresholdPps,
    double? ThresholdMbps,
    string? ConfigPath,
    string? Json,
    bool Verbose,
    string? Service = null)
{
    /// <summary><c>--report PATH</c>: the self-contained HTML report.</summary>
    public string? Report { get; init; }

    /// <summary><c>--intel FILE</c> (repeatable): IP lists and botnet command logs.</summary>
    public IReadOnlyList<string> Intel { get; init; } = [];

    /// <summary><c>--baseline FILE</c>: learned hour-of-week baselines.</summary>
    public string? Baseline { get; init; }
}
