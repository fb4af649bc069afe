namespace Breakwater.Cli;

internal sealed record AnalyzeOptions(
    IReadOnlyList<string> Files,
    string? Networks,
    double? ThresholdPps,
    double? ThresholdMbps,
    string? ConfigPath,
    string? Json,
    bool Verbose,
    string? Service = null);
