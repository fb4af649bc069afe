namespace Breakwater.Outages.Reports;

/// <summary>What happened to one submitted report.</summary>
public enum ReportVerdict
{
    Accepted,

    /// <summary>This reporter already reported in this window.</summary>
    Duplicate,

    /// <summary>Over a per-address, per-prefix or total limit.</summary>
    RateLimited,

    /// <summary>Unknown category or malformed request.</summary>
    Invalid,
}
