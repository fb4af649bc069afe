using Breakwater.Core;

namespace Breakwater.Analysis;

/// <summary>
/// What to analyse and how. Partial on purpose: each kind of input or enrichment (access logs, intel, GeoIP…) adds
/// its own properties in its own file (<c>AnalysisRequest.Intel.cs</c>) with a default that keeps older callers working.
/// </summary>
public sealed partial class AnalysisRequest
{
    /// <summary>pcap/pcapng files (gzip too), read in the order given.</summary>
    public IReadOnlyList<string> Captures { get; init; } = [];

    /// <summary>Protected networks, groups and thresholds: see <see cref="AnalysisSettings.Build"/>.</summary>
    public DetectionSettings Settings { get; init; } = new();

    /// <summary>Told of each input's progress; null for none.</summary>
    public IAnalysisProgress? Progress { get; init; }

    /// <summary>Every input path, whatever its kind: for the checks that no output overwrites an input.</summary>
    public IEnumerable<string> InputPaths => Captures;
}
