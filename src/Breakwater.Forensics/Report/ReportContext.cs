namespace Breakwater.Forensics.Report;

/// <summary>What the report needs besides the incident: where it came from, marks for the timeline, data credits.</summary>
public sealed class ReportContext
{
    /// <summary>"analysis of capture.pcap" or "stored incident in sqlite breakwater.db".</summary>
    public required string Origin { get; init; }

    /// <summary>Detection, mitigation and other moments to mark on the timeline.</summary>
    public IReadOnlyList<(DateTimeOffset Time, string Label)> Marks { get; init; } = [];

    /// <summary>Which GeoIP databases answered, or why none.</summary>
    public required string Database { get; init; }

    /// <summary>Licence credits of the data used (CC BY 4.0 for the ASN data).</summary>
    public IReadOnlyList<string> Attribution { get; init; } = [];

    public DateTimeOffset Generated { get; init; } = DateTimeOffset.UtcNow;
}
