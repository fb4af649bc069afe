namespace Breakwater.Outages.Waves;

/// <summary>One row of a report series file: a time, a count and an optional category.</summary>
public readonly record struct ReportRow(DateTimeOffset Time, double Count, string? Category, int Line);
