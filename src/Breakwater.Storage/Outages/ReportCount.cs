namespace Breakwater.Storage.Outages;

/// <summary>Accepted user reports of one category in one minute (<see cref="Minute"/> is the minute's start).</summary>
public sealed record ReportCount(DateTimeOffset Minute, string Category, long Count);
