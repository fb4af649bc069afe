namespace Breakwater.Core.Forensics;

/// <summary>What imported threat intelligence says about an incident (the analysis document's <c>intel</c>).</summary>
public sealed class IntelReport
{
    /// <summary>Share of the incident's (sampled) packets whose source is in an imported IP list; null without lists.</summary>
    public double? KnownSourcesShare { get; init; }

    /// <summary>Sampled sources found in the lists, most packets first (at most 20).</summary>
    public IReadOnlyList<KnownSource> KnownSources { get; init; } = [];

    public IReadOnlyList<CommandMatch> Commands { get; init; } = [];

    /// <summary>The rule that linked the commands, in words.</summary>
    public required string Rule { get; init; }

    /// <summary>Where the intel came from (files and import times).</summary>
    public IReadOnlyList<string> Provenance { get; init; } = [];
}
