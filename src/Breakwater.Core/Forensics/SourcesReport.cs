namespace Breakwater.Core.Forensics;

/// <summary>Where an incident's sources are (the analysis document's <c>sources</c>): countries, ASNs and how concentrated they are.</summary>
public sealed class SourcesReport
{
    /// <summary>Sources by country, most packets first (at most 50; the rest are summed in the counts).</summary>
    public IReadOnlyList<CountryShare> Countries { get; init; } = [];

    public IReadOnlyList<AsnShare> Asns { get; init; } = [];

    /// <summary>Distinct countries among the sampled sources.</summary>
    public int CountryCount { get; init; }

    public int AsnCount { get; init; }

    public required Concentration Concentration { get; init; }

    /// <summary>One sentence that a claim such as "from country X" can be checked against.</summary>
    public required string Reading { get; init; }

    /// <summary>Shown with the tables when sources are forged or are reflectors; null when they look genuine.</summary>
    public string? Caveat { get; init; }

    /// <summary>How the shares were measured: the source sample and its error.</summary>
    public required SourceSampleInfo Sample { get; init; }

    /// <summary>Which databases answered (and their licences), or why there are none.</summary>
    public required string Database { get; init; }

    /// <summary>
    /// The most active sampled sources (at most 500) with first and last seen, for abuse desks; empty when the
    /// addresses are forged (they would accuse innocent networks).
    /// </summary>
    public IReadOnlyList<ParticipantSource> Participants { get; init; } = [];

    /// <summary>Share of sampled packets whose source has no country (unrouted, private, or not in the database).</summary>
    public double UnknownShare { get; init; }
}
