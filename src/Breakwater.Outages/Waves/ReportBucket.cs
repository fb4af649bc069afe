namespace Breakwater.Outages.Waves;

/// <summary>One bucket of a report series: its start, its total and the counts per category (may be empty).</summary>
public readonly record struct ReportBucket(DateTimeOffset Start, double Count, IReadOnlyDictionary<string, long>? Categories = null);
